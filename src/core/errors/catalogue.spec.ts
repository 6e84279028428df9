import { CATALOGUE, ErrorCode, titleOf } from './catalogue';
import { DomainError } from './domain-error';

/** Every row of the seed catalogue the platform keeps unchanged (docs/error-codes.md): code, zh title, HTTP status. */
const DOCUMENTED: [number, string, number][] = [
  [0, '已达成目标计划', 200],
  [1000, 'php文件导入失败', 500],
  [1001, 'class类不合法', 400],
  [1002, 'class类不在指定范围内', 404],
  [1003, 'program程序文件导入失败', 404],
  [1004, 'class类文件导入失败', 500],
  [1005, '指定api接口不存在', 404],
  [1006, '指定api接口参数不合法', 400],
  [1007, '数据库连接失败', 503],
  [1008, 'data数据文件导入失败', 500],
  [1009, 'from没有指定目标', 400],
  [1010, 'from指定目标不合法', 400],
  [1011, '必要参数为空', 400],
  [1012, '请求已过期', 401],
  [1013, '非法请求', 401],
  [1014, '非法请求', 401],
  [1015, '请求已过期', 401],
  [1016, '压缩包不合法', 422],
  [1017, '文件上传失败', 400],
  [1018, '异常错误', 500],
  [1019, '邮件发送失败', 502],
  [1020, '用户已存在或邮箱已使用', 409],
  [1021, '用户不合法', 400],
  [1022, '邮箱不合法', 400],
  [1023, '缺失公共文件', 500],
  [1024, '指定模式不存在', 404],
  [1025, '链接已失效', 400],
  [1026, '请求已过期', 410],
  [1027, '密码不一致', 400],
  [1028, '密码不合法', 400],
  [1029, '昵称不合法', 400],
  [1030, '用户不合法', 401],
  [1031, '登录失败', 401],
  [1032, '用户状态异常', 403],
  [1033, '请求已过期', 400],
  [1034, '验证码错误', 400],
  [1035, '登录已过期', 401],
  [1036, '用户状态异常', 403],
  [1037, '无法查询绑定信息', 404],
  [1038, '用户已绑定该qq号', 409],
  [1039, '用户已绑定其他qq号', 409],
  [1040, '用户已签到', 409],
  [1041, '积分不足', 409],
  [1042, '用户组无权限', 403],
  [1043, '错误的选择状态', 400],
  [1044, '非法请求', 409],
  [1045, '非法请求', 400],
  [1046, '上传文件不合法', 413],
  [1047, '文件类型不合法', 400],
  [1048, '找不到文件', 404],
  [1049, '非法请求', 400],
  [1050, '凭证无效', 403],
  [1051, '文件已失效', 410],
  [1052, '资源已丢失', 404],
  [1053, '非法请求', 404],
  [1054, '目标用户组无权限', 403],
  [1055, '暂无可用推荐资源', 404],
  [1056, '缺失模板', 500],
  [1057, '消息不存在', 404],
  [1058, '用户异常', 404],
  [1059, '余额不足', 402],
  [1060, '创建总量已达上限', 403],
  [1061, '当月创建总量已达上限', 403],
  [1062, '非法请求', 401],
  [1063, '非法请求', 401],
  [1064, '非法请求', 401],
  [1065, '请求异常', 403],
  [1066, '用户超出上限', 403],
  [1067, '接口已关闭', 403],
  [1068, '非法请求', 401],
  [1069, '应用未绑定用户库', 409],
  [1070, '绑定的用户库失效', 409],
  [1071, '非法请求', 404],
  [1072, '用户库创建已达上限', 403],
  [1073, '续费失败', 409],
  [1074, '请求格式不合法', 400],
  [1075, '请求过于频繁', 429],
  [999, '当前环境不支持PDO', 503],
  [998, '当前环境不支持ZipArchive', 503],
  [997, '当前环境不支持GD', 503],
  [996, '当前环境不支持cUrl', 503],
  [995, '当前环境不支持SESSION', 503],
  [-1, '当前域名被限制访问', 403],
  [10000, '无权调用接口', 403],
  [99999, '用户名或者密码错误', 401],
  [99998, '用户状态异常', 403],
  [99997, '系统异常', 500],
  [99996, '无效的令牌', 401],
  [99995, '令牌已过期', 401],
  [99994, '无效的令牌', 401],
  [99993, '无效的用户操作', 404],
  [99992, '无效的用户QQ', 400],
];

/** Codes appended after the documented table (docs/error-codes.md). */
const APPENDED: [number, string, number][] = [
  [1076, '服务器内部错误', 500],
  [1077, 'QQ登录未配置', 503],
];

const numericCodes = (): number[] => Object.values(ErrorCode).filter((value): value is number => typeof value === 'number');

describe('error catalogue', () => {
  it.each(DOCUMENTED)('has code %i with its seed title %s and HTTP %i', (code, zh, status) => {
    const entry = CATALOGUE[code as ErrorCode];
    expect(entry).toBeDefined();
    expect(entry.zh).toBe(zh);
    expect(entry.status).toBe(status);
    expect(entry.en.length).toBeGreaterThan(0);
  });

  it('holds each code exactly once and nothing undocumented', () => {
    const codes = numericCodes();
    expect(new Set(codes).size).toBe(codes.length);
    const documented = [...DOCUMENTED, ...APPENDED].map(([code]) => code).sort((a, b) => a - b);
    expect([...codes].sort((a, b) => a - b)).toEqual(documented);
    expect(Object.keys(CATALOGUE)).toHaveLength(codes.length);
  });

  it('appends new codes after the seed without reusing one', () => {
    for (const [code, zh, status] of APPENDED) {
      expect(code).toBeGreaterThanOrEqual(1074);
      expect(CATALOGUE[code as ErrorCode]).toMatchObject({ zh, status });
    }
  });

  it('gives every failure code an error status and success a 2xx', () => {
    for (const code of numericCodes()) {
      const { status } = CATALOGUE[code as ErrorCode];
      if ((code as ErrorCode) === ErrorCode.OK) expect(status).toBe(200);
      else expect(status).toBeGreaterThanOrEqual(400);
    }
  });

  it('titles a code in the asked language', () => {
    expect(titleOf(ErrorCode.IDENTITY_TAKEN, 'zh')).toBe('用户已存在或邮箱已使用');
    expect(titleOf(ErrorCode.IDENTITY_TAKEN, 'en')).toBe('Username or email already in use');
  });

  it('gives a DomainError the status of its code unless a protocol overrides it', () => {
    expect(new DomainError(ErrorCode.IDENTITY_TAKEN).status).toBe(409);
    expect(new DomainError(ErrorCode.MAIL_SEND_FAILED, 'mail', { status: 503 }).status).toBe(503);
  });
});
