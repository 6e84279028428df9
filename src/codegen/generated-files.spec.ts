import { checkedIn, GENERATED_FILES } from './generated-files';

/** Each checked-in generated file is exactly what the code generates now: none can drift. */
describe('generated files', () => {
  it.each(GENERATED_FILES.map((file) => [file.path, file.command, file] as const))(
    '%s is what the code generates (else: npm run %s)',
    async (_, __, file) => {
      expect(checkedIn(file)).toBe(await file.generate());
    },
  );
});
