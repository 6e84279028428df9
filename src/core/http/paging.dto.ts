import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { ErrorCode } from '../errors/catalogue';
import { failsWith } from '../errors/validation';

/** Far past any list; beyond it an offset would no longer be an exact integer (page=1e20). */
const MAX_PAGE = 1_000_000;

/** `?page=&pageSize=` of a list; out-of-range paging is 1045 like a bad condition. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(failsWith(ErrorCode.CONDITION_INVALID))
  @Min(1, failsWith(ErrorCode.CONDITION_INVALID))
  @Max(MAX_PAGE, failsWith(ErrorCode.CONDITION_INVALID))
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(failsWith(ErrorCode.CONDITION_INVALID))
  @Min(1, failsWith(ErrorCode.CONDITION_INVALID))
  @Max(100, failsWith(ErrorCode.CONDITION_INVALID))
  pageSize: number = 20;
}

/** A page: which one (from 1) and how many rows each holds. */
export interface Page {
  page: number;
  pageSize: number;
}

/** The rows a page covers, as Prisma's `skip`/`take` (or SQL's OFFSET/LIMIT). */
export const skipTake = ({ page, pageSize }: Page): { skip: number; take: number } => ({ skip: (page - 1) * pageSize, take: pageSize });

/** `?page=&pageSize=&condition=` of a filtered list. */
export class ListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'filters as key:value pairs separated by ;' })
  @IsOptional()
  @IsString(failsWith(ErrorCode.CONDITION_INVALID))
  condition?: string;
}
