import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { ErrorCode } from '../errors/catalogue';
import { DomainError } from '../errors/domain-error';
import { ReadinessFailure } from '../process/readiness-check';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * Text templates under TEMPLATES_DIR (mail bodies, small HTML pages) with `{{name}}` placeholders.
 * Values are HTML-escaped in .html files. Features declare the files they need at start-up:
 * `require` for mail and messages, where a missing template stops the boot with 1056 instead of
 * failing a user later; `requirePages` for the public pages and their scripts, where a missing one
 * is logged (1023, naming it), makes readiness down with 1023 and answers 1023 when asked for,
 * while the API goes on serving.
 */
@Injectable()
export class TemplateStore {
  private readonly logger = new Logger(TemplateStore.name);
  private readonly loaded = new Map<string, string>();
  private readonly missingPages = new Set<string>();

  constructor(private readonly config: AppConfig) {}

  /** Loads each page asset now; a missing one is reported rather than fatal (see the class). */
  requirePages(files: string[]): void {
    for (const file of files) {
      const full = path.resolve(this.config.TEMPLATES_DIR, file);
      if (isFile(full)) {
        this.loaded.set(file, readFileSync(full, 'utf8'));
      } else {
        this.missingPages.add(file);
        this.logger.error({ code: ErrorCode.PUBLIC_FILE_MISSING, file: full }, `page asset ${full} is missing (1023)`);
      }
    }
  }

  /** For readiness: every page asset was there at start-up (1023 otherwise, naming them by their place under TEMPLATES_DIR). */
  checkPages(): Promise<void> {
    if (this.missingPages.size === 0) return Promise.resolve();
    return Promise.reject(new ReadinessFailure(`page assets missing: ${[...this.missingPages].join(', ')}`));
  }

  /** Loads each file now; throws 1056 naming the first one missing. */
  require(files: string[]): void {
    for (const file of files) {
      const full = path.resolve(this.config.TEMPLATES_DIR, file);
      if (!isFile(full)) throw new DomainError(ErrorCode.TEMPLATE_MISSING, `template ${full} is missing`);
      this.loaded.set(file, readFileSync(full, 'utf8'));
    }
  }

  render(file: string, values: Record<string, string>): string {
    if (this.missingPages.has(file)) throw new DomainError(ErrorCode.PUBLIC_FILE_MISSING, 'this page is not available');
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
