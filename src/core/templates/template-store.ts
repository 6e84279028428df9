import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { ErrorCode } from '../errors/catalogue';
import { DomainError } from '../errors/domain-error';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * Text templates under TEMPLATES_DIR (mail bodies, small HTML pages) with `{{name}}` placeholders.
 * Values are HTML-escaped in .html files. Features declare the files they need at start-up
 * (`require`), so a missing template stops the boot with 1056 instead of failing a user later.
 */
@Injectable()
export class TemplateStore {
  private readonly loaded = new Map<string, string>();

  constructor(private readonly config: AppConfig) {}

  /** Loads each file now; throws 1056 naming the first one missing. */
  require(files: string[]): void {
    for (const file of files) {
      const full = path.resolve(this.config.TEMPLATES_DIR, file);
      if (!isFile(full)) throw new DomainError(ErrorCode.TEMPLATE_MISSING, `template ${full} is missing`);
      this.loaded.set(file, readFileSync(full, 'utf8'));
    }
  }

  render(file: string, values: Record<string, string>): string {
    const template = this.loaded.get(file);
    if (template === undefined) throw new DomainError(ErrorCode.TEMPLATE_MISSING, `template ${file} was not required at start-up`);
    const escape = file.endsWith('.html') ? escapeHtml : (value: string) => value;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => escape(values[name] ?? ''));
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
