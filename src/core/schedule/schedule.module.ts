import { Global, Module } from '@nestjs/common';

import { Scheduler } from './scheduler';

/** The one scheduler of periodic jobs; every room registers its sweeps with it. */
@Global()
@Module({ providers: [Scheduler], exports: [Scheduler] })
export class ScheduleModule {}
