#!/usr/bin/env node
// Writes data/common-passwords.txt: the 3,000 most common passwords of zxcvbn-ts' ranked list
// (OWASP ASVS 5.0 6.2.4), one a line, lower case. The server reads that file at start-up
// (COMMON_PASSWORDS_FILE); run this again to refresh it from a newer @zxcvbn-ts/language-common.
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { dictionary } = require('@zxcvbn-ts/language-common');

const words = [...new Set(dictionary['passwords-common'].slice(0, 3000).map((word) => word.toLowerCase()))];
const header = '# The most common passwords, refused at sign-up and password changes. Made by scripts/common-passwords.js.\n';
writeFileSync(path.join(__dirname, '..', 'data', 'common-passwords.txt'), `${header}${words.join('\n')}\n`);
console.log(`data/common-passwords.txt: ${words.length} passwords`);
