import { Global, Module } from '@nestjs/common';

import { TemplateStore } from './template-store';

@Global()
@Module({ providers: [TemplateStore], exports: [TemplateStore] })
export class TemplatesModule {}
