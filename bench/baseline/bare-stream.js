// The ceiling for serving a stored file: bare node:http piping fs.createReadStream, with no
// framework, database, credential or hook. GET /files/<storage key> streams STORAGE_DIR/<key>.
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const root = path.resolve(process.env.STORAGE_DIR);

const server = http.createServer((request, response) => {
  if (request.url === '/live') return response.end('up');
  const file = path.join(root, decodeURIComponent(request.url.replace(/^\/files\//, '')));
  if (!file.startsWith(`${root}${path.sep}`)) return response.writeHead(404).end();
  fs.stat(file, (error, stat) => {
    if (error) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': stat.size });
    fs.createReadStream(file).pipe(response);
  });
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
