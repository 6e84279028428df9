import { applyDecorators, Header, SetMetadata } from '@nestjs/common';

export const RAW_RESPONSE = 'platform:raw-response';

/** The handler answers something other than the JSON envelope (an HTML page, a file stream). */
export const RawResponse = (): MethodDecorator => SetMetadata(RAW_RESPONSE, true);

/**
 * A page for people (`html`: never cached, no Referer onward, so a token in its address stays
 * there) or the script it loads (`script`: cached an hour); either answers outside the envelope.
 */
export const PageAnswer = (kind: 'html' | 'script'): MethodDecorator =>
  kind === 'html'
    ? applyDecorators(
        RawResponse(),
        Header('content-type', 'text/html; charset=utf-8'),
        Header('cache-control', 'no-store'),
        Header('referrer-policy', 'no-referrer'),
      )
    : applyDecorators(
        RawResponse(),
        Header('content-type', 'text/javascript; charset=utf-8'),
        Header('cache-control', 'public, max-age=3600'),
      );
