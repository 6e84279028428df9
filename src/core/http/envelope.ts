import { ApiProperty } from '@nestjs/swagger';

/** The success envelope of every JSON response. */
export interface Envelope<T> {
  code: 0;
  message: 'ok';
  data: T;
}

export function envelope<T>(data: T): Envelope<T> {
  return { code: 0, message: 'ok', data };
}

/** The failure envelope, documented once for the OpenAPI page. */
export class ErrorResponseDto {
  @ApiProperty({ example: 1020 })
  code: number;

  @ApiProperty({ example: '用户已存在或邮箱已使用' })
  message: string;

  @ApiProperty({ required: false, example: 'email already bound to another user' })
  detail?: string;

  @ApiProperty({ example: '3f1c2b9e-5d0a-4b8e-9a8f-1f2e3d4c5b6a' })
  requestId: string;
}
