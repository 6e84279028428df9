import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ErrorCode } from '../errors/catalogue';
import { failsWith } from '../errors/validation';

/** `?page=&pageSize=&condition=` of a list; out-of-range paging is 1045 like a bad condition. */
export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(failsWith(ErrorCode.CONDITION_INVALID))
  @Min(1, failsWith(ErrorCode.CONDITION_INVALID))
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(failsWith(ErrorCode.CONDITION_INVALID))
  @Min(1, failsWith(ErrorCode.CONDITION_INVALID))
  @Max(100, failsWith(ErrorCode.CONDITION_INVALID))
  pageSize: number = 20;

  @ApiPropertyOptional({ description: 'filters as key:value pairs separated by ;' })
  @IsOptional()
  @IsString(failsWith(ErrorCode.CONDITION_INVALID))
  condition?: string;
}
