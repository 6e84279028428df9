import { SetMetadata } from '@nestjs/common';

export const RAW_RESPONSE = 'platform:raw-response';

/** The handler answers something other than the JSON envelope (an HTML page, a file stream). */
export const RawResponse = (): MethodDecorator => SetMetadata(RAW_RESPONSE, true);
