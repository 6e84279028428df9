import { ApiProperty } from '@nestjs/swagger';

export class CallerAppDto {
  @ApiProperty({ example: 'app_3f9c0a1b2c3d4e5f' })
  appId: string;

  @ApiProperty({ example: 'Web' })
  name: string;

  @ApiProperty({ example: ['accounts', 'auth', 'users'], description: 'endpoint groups the app may call; * is all' })
  scopes: string[];
}
