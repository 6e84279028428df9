// Generated from src/core/errors/catalogue.ts by `npm run errors:docs`: do not edit.

/** Every code the platform answers with (`code` of the envelope); 0 is success. */
export enum ErrorCode {
  /** Origin not allowed (HTTP 403) */
  DOMAIN_FORBIDDEN = -1,
  /** ok (HTTP 200) */
  OK = 0,
  /** Session store unusable (HTTP 503) */
  RUNTIME_SESSION_STORE = 995,
  /** Outbound HTTP unusable (HTTP 503) */
  RUNTIME_HTTP_CLIENT = 996,
  /** Image support unusable (HTTP 503) */
  RUNTIME_IMAGE = 997,
  /** Archive support unusable (HTTP 503) */
  RUNTIME_ARCHIVE = 998,
  /** Database driver unusable (HTTP 503) */
  RUNTIME_DATABASE_DRIVER = 999,
  /** A required server file is missing (HTTP 500) */
  RUNTIME_FILE_MISSING = 1000,
  /** Invalid class parameter (HTTP 400) */
  LEGACY_CLASS_MALFORMED = 1001,
  /** Unknown class (HTTP 404) */
  LEGACY_CLASS_UNKNOWN = 1002,
  /** Not found (HTTP 404) */
  ROUTE_NOT_FOUND = 1003,
  /** A server module failed to load (HTTP 500) */
  HANDLER_LOAD_FAILED = 1004,
  /** Unknown API mode (HTTP 404) */
  LEGACY_MODE_UNKNOWN = 1005,
  /** Invalid mode parameter (HTTP 400) */
  LEGACY_MODE_MALFORMED = 1006,
  /** Database unavailable (HTTP 503) */
  DATABASE_UNAVAILABLE = 1007,
  /** A data file is missing (HTTP 500) */
  DATA_FILE_MISSING = 1008,
  /** Missing from parameter (HTTP 400) */
  LEGACY_FROM_EMPTY = 1009,
  /** Invalid from parameter (HTTP 400) */
  LEGACY_FROM_INVALID = 1010,
  /** A required parameter is missing (HTTP 400) */
  REQUIRED_PARAMETER_MISSING = 1011,
  /** Request expired (HTTP 401) */
  REQUEST_EXPIRED = 1012,
  /** Unknown app or wrong key (HTTP 401) */
  APP_KEY_MISMATCH = 1013,
  /** Invalid signature (HTTP 401) */
  SIGNATURE_MISMATCH = 1014,
  /** Request replayed (HTTP 401) */
  NONCE_REUSED = 1015,
  /** Invalid archive (HTTP 422) */
  ARCHIVE_INVALID = 1016,
  /** Upload failed (HTTP 400) */
  UPLOAD_FAILED = 1017,
  /** Data could not be saved (HTTP 500) */
  DATABASE_WRITE_FAILED = 1018,
  /** Mail could not be sent (HTTP 502) */
  MAIL_SEND_FAILED = 1019,
  /** Username or email already in use (HTTP 409) */
  IDENTITY_TAKEN = 1020,
  /** Invalid username (HTTP 400) */
  USERNAME_INVALID = 1021,
  /** Invalid email (HTTP 400) */
  EMAIL_INVALID = 1022,
  /** A public file is missing (HTTP 500) */
  PUBLIC_FILE_MISSING = 1023,
  /** Unknown mode (HTTP 404) */
  MODE_UNKNOWN = 1024,
  /** Link invalid or already used (HTTP 400) */
  LINK_INVALID = 1025,
  /** Link expired (HTTP 410) */
  LINK_EXPIRED = 1026,
  /** Passwords do not match (HTTP 400) */
  PASSWORDS_DIFFER = 1027,
  /** Invalid password (HTTP 400) */
  PASSWORD_INVALID = 1028,
  /** Invalid nickname (HTTP 400) */
  NICKNAME_INVALID = 1029,
  /** Not logged in (HTTP 401) */
  NOT_AUTHENTICATED = 1030,
  /** Login failed (HTTP 401) */
  LOGIN_FAILED = 1031,
  /** Account not active (HTTP 403) */
  ACCOUNT_NOT_ACTIVE = 1032,
  /** Verification code expired (HTTP 400) */
  CODE_EXPIRED = 1033,
  /** Wrong verification code (HTTP 400) */
  CODE_WRONG = 1034,
  /** Session expired (HTTP 401) */
  SESSION_EXPIRED = 1035,
  /** Account not active (HTTP 403) */
  SESSION_USER_INVALID = 1036,
  /** Binding not found (HTTP 404) */
  QQ_BINDING_NOT_FOUND = 1037,
  /** This QQ is already bound (HTTP 409) */
  QQ_ALREADY_BOUND = 1038,
  /** Another QQ is already bound (HTTP 409) */
  QQ_OTHER_BOUND = 1039,
  /** Already checked in today (HTTP 409) */
  ALREADY_CHECKED_IN = 1040,
  /** Not enough points (HTTP 409) */
  POINTS_INSUFFICIENT = 1041,
  /** Permission denied (HTTP 403) */
  PERMISSION_DENIED = 1042,
  /** Invalid choice (HTTP 400) */
  CHOICE_INVALID = 1043,
  /** Report unknown or already reviewed (HTTP 409) */
  REPORT_INVALID = 1044,
  /** Invalid condition (HTTP 400) */
  CONDITION_INVALID = 1045,
  /** Payload too large (HTTP 413) */
  PAYLOAD_TOO_LARGE = 1046,
  /** Invalid file type (HTTP 400) */
  FILE_TYPE_INVALID = 1047,
  /** File not found (HTTP 404) */
  FILE_NOT_FOUND = 1048,
  /** Download count out of range (HTTP 400) */
  DOWNLOAD_COUNT_INVALID = 1049,
  /** Credential invalid (HTTP 403) */
  CREDENTIAL_INVALID = 1050,
  /** File no longer available (HTTP 410) */
  FILE_GONE = 1051,
  /** Tutorial not found (HTTP 404) */
  TUTORIAL_NOT_FOUND = 1052,
  /** User not found (HTTP 404) */
  USER_NOT_FOUND = 1053,
  /** Target user lacks the permission (HTTP 403) */
  TARGET_PERMISSION_DENIED = 1054,
  /** No new recommendations (HTTP 404) */
  NO_RECOMMENDATIONS = 1055,
  /** Template missing (HTTP 500) */
  TEMPLATE_MISSING = 1056,
  /** Message not found (HTTP 404) */
  MESSAGE_NOT_FOUND = 1057,
  /** User not found or abnormal (HTTP 404) */
  USER_ABNORMAL = 1058,
  /** Balance too low (HTTP 402) */
  BALANCE_INSUFFICIENT = 1059,
  /** Creation quota reached (HTTP 403) */
  APP_QUOTA_REACHED = 1060,
  /** Monthly app quota reached (HTTP 403) */
  APP_MONTHLY_QUOTA_REACHED = 1061,
  /** Unknown api_id (HTTP 401) */
  API_ID_UNKNOWN = 1062,
  /** api_id not usable (HTTP 401) */
  API_ID_ABNORMAL = 1063,
  /** api_id does not match api_key (HTTP 401) */
  API_KEY_MISMATCH = 1064,
  /** App expired or abnormal (HTTP 403) */
  API_APP_EXPIRED = 1065,
  /** User cap reached (HTTP 403) */
  API_USER_CAP_REACHED = 1066,
  /** API closed (HTTP 403) */
  API_CLOSED = 1067,
  /** Signature rejected (HTTP 401) */
  API_SIGNATURE_REJECTED = 1068,
  /** No user library bound (HTTP 409) */
  LIBRARY_NOT_BOUND = 1069,
  /** Bound user library expired or deleted (HTTP 409) */
  LIBRARY_INVALID = 1070,
  /** Unknown span_id (HTTP 404) */
  LIBRARY_NOT_FOUND = 1071,
  /** User library quota reached (HTTP 403) */
  LIBRARY_QUOTA_REACHED = 1072,
  /** Renewal failed (HTTP 409) */
  LIBRARY_RENEWAL_FAILED = 1073,
  /** Malformed request (HTTP 400) */
  MALFORMED_REQUEST = 1074,
  /** Too many requests (HTTP 429) */
  RATE_LIMITED = 1075,
  /** Internal server error (HTTP 500) */
  INTERNAL_ERROR = 1076,
  /** QQ login is not configured (HTTP 503) */
  QQ_NOT_CONFIGURED = 1077,
  /** App may not call this endpoint (HTTP 403) */
  SCOPE_DENIED = 10000,
  /** Invalid QQ (HTTP 400) */
  OPEN_QQ_INVALID = 99992,
  /** Target of the operation not found (HTTP 404) */
  OPEN_TARGET_NOT_FOUND = 99993,
  /** Token user invalid (HTTP 401) */
  OPEN_TOKEN_USER_INVALID = 99994,
  /** Token expired (HTTP 401) */
  OPEN_TOKEN_EXPIRED = 99995,
  /** Invalid token (HTTP 401) */
  OPEN_TOKEN_INVALID = 99996,
  /** System error (HTTP 500) */
  OPEN_SYSTEM_ERROR = 99997,
  /** User not verified or locked (HTTP 403) */
  OPEN_USER_ABNORMAL = 99998,
  /** Wrong username or password (HTTP 401) */
  OPEN_CREDENTIALS_WRONG = 99999,
}

/** Each code's HTTP status and its titles (the `message`, by Accept-Language). */
export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, { status: number; zh: string; en: string }>> = {
  [ErrorCode.DOMAIN_FORBIDDEN]: { status: 403, zh: "当前域名被限制访问", en: "Origin not allowed" },
  [ErrorCode.OK]: { status: 200, zh: "已达成目标计划", en: "ok" },
  [ErrorCode.RUNTIME_SESSION_STORE]: { status: 503, zh: "当前环境不支持SESSION", en: "Session store unusable" },
  [ErrorCode.RUNTIME_HTTP_CLIENT]: { status: 503, zh: "当前环境不支持cUrl", en: "Outbound HTTP unusable" },
  [ErrorCode.RUNTIME_IMAGE]: { status: 503, zh: "当前环境不支持GD", en: "Image support unusable" },
  [ErrorCode.RUNTIME_ARCHIVE]: { status: 503, zh: "当前环境不支持ZipArchive", en: "Archive support unusable" },
  [ErrorCode.RUNTIME_DATABASE_DRIVER]: { status: 503, zh: "当前环境不支持PDO", en: "Database driver unusable" },
  [ErrorCode.RUNTIME_FILE_MISSING]: { status: 500, zh: "php文件导入失败", en: "A required server file is missing" },
  [ErrorCode.LEGACY_CLASS_MALFORMED]: { status: 400, zh: "class类不合法", en: "Invalid class parameter" },
  [ErrorCode.LEGACY_CLASS_UNKNOWN]: { status: 404, zh: "class类不在指定范围内", en: "Unknown class" },
  [ErrorCode.ROUTE_NOT_FOUND]: { status: 404, zh: "program程序文件导入失败", en: "Not found" },
  [ErrorCode.HANDLER_LOAD_FAILED]: { status: 500, zh: "class类文件导入失败", en: "A server module failed to load" },
  [ErrorCode.LEGACY_MODE_UNKNOWN]: { status: 404, zh: "指定api接口不存在", en: "Unknown API mode" },
  [ErrorCode.LEGACY_MODE_MALFORMED]: { status: 400, zh: "指定api接口参数不合法", en: "Invalid mode parameter" },
  [ErrorCode.DATABASE_UNAVAILABLE]: { status: 503, zh: "数据库连接失败", en: "Database unavailable" },
  [ErrorCode.DATA_FILE_MISSING]: { status: 500, zh: "data数据文件导入失败", en: "A data file is missing" },
  [ErrorCode.LEGACY_FROM_EMPTY]: { status: 400, zh: "from没有指定目标", en: "Missing from parameter" },
  [ErrorCode.LEGACY_FROM_INVALID]: { status: 400, zh: "from指定目标不合法", en: "Invalid from parameter" },
  [ErrorCode.REQUIRED_PARAMETER_MISSING]: { status: 400, zh: "必要参数为空", en: "A required parameter is missing" },
  [ErrorCode.REQUEST_EXPIRED]: { status: 401, zh: "请求已过期", en: "Request expired" },
  [ErrorCode.APP_KEY_MISMATCH]: { status: 401, zh: "非法请求", en: "Unknown app or wrong key" },
  [ErrorCode.SIGNATURE_MISMATCH]: { status: 401, zh: "非法请求", en: "Invalid signature" },
  [ErrorCode.NONCE_REUSED]: { status: 401, zh: "请求已过期", en: "Request replayed" },
  [ErrorCode.ARCHIVE_INVALID]: { status: 422, zh: "压缩包不合法", en: "Invalid archive" },
  [ErrorCode.UPLOAD_FAILED]: { status: 400, zh: "文件上传失败", en: "Upload failed" },
  [ErrorCode.DATABASE_WRITE_FAILED]: { status: 500, zh: "异常错误", en: "Data could not be saved" },
  [ErrorCode.MAIL_SEND_FAILED]: { status: 502, zh: "邮件发送失败", en: "Mail could not be sent" },
  [ErrorCode.IDENTITY_TAKEN]: { status: 409, zh: "用户已存在或邮箱已使用", en: "Username or email already in use" },
  [ErrorCode.USERNAME_INVALID]: { status: 400, zh: "用户不合法", en: "Invalid username" },
  [ErrorCode.EMAIL_INVALID]: { status: 400, zh: "邮箱不合法", en: "Invalid email" },
  [ErrorCode.PUBLIC_FILE_MISSING]: { status: 500, zh: "缺失公共文件", en: "A public file is missing" },
  [ErrorCode.MODE_UNKNOWN]: { status: 404, zh: "指定模式不存在", en: "Unknown mode" },
  [ErrorCode.LINK_INVALID]: { status: 400, zh: "链接已失效", en: "Link invalid or already used" },
  [ErrorCode.LINK_EXPIRED]: { status: 410, zh: "请求已过期", en: "Link expired" },
  [ErrorCode.PASSWORDS_DIFFER]: { status: 400, zh: "密码不一致", en: "Passwords do not match" },
  [ErrorCode.PASSWORD_INVALID]: { status: 400, zh: "密码不合法", en: "Invalid password" },
  [ErrorCode.NICKNAME_INVALID]: { status: 400, zh: "昵称不合法", en: "Invalid nickname" },
  [ErrorCode.NOT_AUTHENTICATED]: { status: 401, zh: "用户不合法", en: "Not logged in" },
  [ErrorCode.LOGIN_FAILED]: { status: 401, zh: "登录失败", en: "Login failed" },
  [ErrorCode.ACCOUNT_NOT_ACTIVE]: { status: 403, zh: "用户状态异常", en: "Account not active" },
  [ErrorCode.CODE_EXPIRED]: { status: 400, zh: "请求已过期", en: "Verification code expired" },
  [ErrorCode.CODE_WRONG]: { status: 400, zh: "验证码错误", en: "Wrong verification code" },
  [ErrorCode.SESSION_EXPIRED]: { status: 401, zh: "登录已过期", en: "Session expired" },
  [ErrorCode.SESSION_USER_INVALID]: { status: 403, zh: "用户状态异常", en: "Account not active" },
  [ErrorCode.QQ_BINDING_NOT_FOUND]: { status: 404, zh: "无法查询绑定信息", en: "Binding not found" },
  [ErrorCode.QQ_ALREADY_BOUND]: { status: 409, zh: "用户已绑定该qq号", en: "This QQ is already bound" },
  [ErrorCode.QQ_OTHER_BOUND]: { status: 409, zh: "用户已绑定其他qq号", en: "Another QQ is already bound" },
  [ErrorCode.ALREADY_CHECKED_IN]: { status: 409, zh: "用户已签到", en: "Already checked in today" },
  [ErrorCode.POINTS_INSUFFICIENT]: { status: 409, zh: "积分不足", en: "Not enough points" },
  [ErrorCode.PERMISSION_DENIED]: { status: 403, zh: "用户组无权限", en: "Permission denied" },
  [ErrorCode.CHOICE_INVALID]: { status: 400, zh: "错误的选择状态", en: "Invalid choice" },
  [ErrorCode.REPORT_INVALID]: { status: 409, zh: "非法请求", en: "Report unknown or already reviewed" },
  [ErrorCode.CONDITION_INVALID]: { status: 400, zh: "非法请求", en: "Invalid condition" },
  [ErrorCode.PAYLOAD_TOO_LARGE]: { status: 413, zh: "上传文件不合法", en: "Payload too large" },
  [ErrorCode.FILE_TYPE_INVALID]: { status: 400, zh: "文件类型不合法", en: "Invalid file type" },
  [ErrorCode.FILE_NOT_FOUND]: { status: 404, zh: "找不到文件", en: "File not found" },
  [ErrorCode.DOWNLOAD_COUNT_INVALID]: { status: 400, zh: "非法请求", en: "Download count out of range" },
  [ErrorCode.CREDENTIAL_INVALID]: { status: 403, zh: "凭证无效", en: "Credential invalid" },
  [ErrorCode.FILE_GONE]: { status: 410, zh: "文件已失效", en: "File no longer available" },
  [ErrorCode.TUTORIAL_NOT_FOUND]: { status: 404, zh: "资源已丢失", en: "Tutorial not found" },
  [ErrorCode.USER_NOT_FOUND]: { status: 404, zh: "非法请求", en: "User not found" },
  [ErrorCode.TARGET_PERMISSION_DENIED]: { status: 403, zh: "目标用户组无权限", en: "Target user lacks the permission" },
  [ErrorCode.NO_RECOMMENDATIONS]: { status: 404, zh: "暂无可用推荐资源", en: "No new recommendations" },
  [ErrorCode.TEMPLATE_MISSING]: { status: 500, zh: "缺失模板", en: "Template missing" },
  [ErrorCode.MESSAGE_NOT_FOUND]: { status: 404, zh: "消息不存在", en: "Message not found" },
  [ErrorCode.USER_ABNORMAL]: { status: 404, zh: "用户异常", en: "User not found or abnormal" },
  [ErrorCode.BALANCE_INSUFFICIENT]: { status: 402, zh: "余额不足", en: "Balance too low" },
  [ErrorCode.APP_QUOTA_REACHED]: { status: 403, zh: "创建总量已达上限", en: "Creation quota reached" },
  [ErrorCode.APP_MONTHLY_QUOTA_REACHED]: { status: 403, zh: "当月创建总量已达上限", en: "Monthly app quota reached" },
  [ErrorCode.API_ID_UNKNOWN]: { status: 401, zh: "非法请求", en: "Unknown api_id" },
  [ErrorCode.API_ID_ABNORMAL]: { status: 401, zh: "非法请求", en: "api_id not usable" },
  [ErrorCode.API_KEY_MISMATCH]: { status: 401, zh: "非法请求", en: "api_id does not match api_key" },
  [ErrorCode.API_APP_EXPIRED]: { status: 403, zh: "请求异常", en: "App expired or abnormal" },
  [ErrorCode.API_USER_CAP_REACHED]: { status: 403, zh: "用户超出上限", en: "User cap reached" },
  [ErrorCode.API_CLOSED]: { status: 403, zh: "接口已关闭", en: "API closed" },
  [ErrorCode.API_SIGNATURE_REJECTED]: { status: 401, zh: "非法请求", en: "Signature rejected" },
  [ErrorCode.LIBRARY_NOT_BOUND]: { status: 409, zh: "应用未绑定用户库", en: "No user library bound" },
  [ErrorCode.LIBRARY_INVALID]: { status: 409, zh: "绑定的用户库失效", en: "Bound user library expired or deleted" },
  [ErrorCode.LIBRARY_NOT_FOUND]: { status: 404, zh: "非法请求", en: "Unknown span_id" },
  [ErrorCode.LIBRARY_QUOTA_REACHED]: { status: 403, zh: "用户库创建已达上限", en: "User library quota reached" },
  [ErrorCode.LIBRARY_RENEWAL_FAILED]: { status: 409, zh: "续费失败", en: "Renewal failed" },
  [ErrorCode.MALFORMED_REQUEST]: { status: 400, zh: "请求格式不合法", en: "Malformed request" },
  [ErrorCode.RATE_LIMITED]: { status: 429, zh: "请求过于频繁", en: "Too many requests" },
  [ErrorCode.INTERNAL_ERROR]: { status: 500, zh: "服务器内部错误", en: "Internal server error" },
  [ErrorCode.QQ_NOT_CONFIGURED]: { status: 503, zh: "QQ登录未配置", en: "QQ login is not configured" },
  [ErrorCode.SCOPE_DENIED]: { status: 403, zh: "无权调用接口", en: "App may not call this endpoint" },
  [ErrorCode.OPEN_QQ_INVALID]: { status: 400, zh: "无效的用户QQ", en: "Invalid QQ" },
  [ErrorCode.OPEN_TARGET_NOT_FOUND]: { status: 404, zh: "无效的用户操作", en: "Target of the operation not found" },
  [ErrorCode.OPEN_TOKEN_USER_INVALID]: { status: 401, zh: "无效的令牌", en: "Token user invalid" },
  [ErrorCode.OPEN_TOKEN_EXPIRED]: { status: 401, zh: "令牌已过期", en: "Token expired" },
  [ErrorCode.OPEN_TOKEN_INVALID]: { status: 401, zh: "无效的令牌", en: "Invalid token" },
  [ErrorCode.OPEN_SYSTEM_ERROR]: { status: 500, zh: "系统异常", en: "System error" },
  [ErrorCode.OPEN_USER_ABNORMAL]: { status: 403, zh: "用户状态异常", en: "User not verified or locked" },
  [ErrorCode.OPEN_CREDENTIALS_WRONG]: { status: 401, zh: "用户名或者密码错误", en: "Wrong username or password" },
};
