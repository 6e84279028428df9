/** Test archives are built by the same writer as the server's archive probe. */
export { zip, type ZipEntry } from '../../src/files/zip-writer';
