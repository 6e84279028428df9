import 'reflect-metadata';

import { checkedIn, GENERATED_FILES, write } from './generated-files';

/**
 * Regenerates the checked-in files the code generates (`npm run generate`, or one group:
 * `npm run openapi`, `npm run errors:docs`); with `--check` it writes nothing and exits 1 when
 * any of them differs from what the code generates.
 */
async function main(args: string[]): Promise<number> {
  const check = args.includes('--check');
  const groups = args.filter((arg) => !arg.startsWith('--'));
  const files = GENERATED_FILES.filter((file) => groups.length === 0 || groups.includes(file.command));
  let drifted = 0;
  for (const file of files) {
    const text = await file.generate();
    if (checkedIn(file) === text) continue;
    if (check) {
      drifted += 1;
      process.stderr.write(`${file.path} differs from what the code generates: npm run ${file.command}\n`);
    } else {
      write(file, text);
      process.stdout.write(`wrote ${file.path}\n`);
    }
  }
  return drifted === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
