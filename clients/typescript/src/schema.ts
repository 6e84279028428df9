// Generated from openapi/openapi.json by `npm run openapi`: do not edit.
export interface paths {
    "/api/v1/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: up, or 503 with the failing dependency's code; each check's state only with HEALTH_TOKEN */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health/checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness with each check's state, code and a safe message, for administrators (503 when one is down) */
        get: operations["HealthController_checks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with username or email and password; the session belongs to the calling app */
        post: operations["AuthController_logIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session of this request */
        post: operations["AuthController_logOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's live sessions, under every app */
        get: operations["AuthController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of the caller's sessions */
        delete: operations["AuthController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The app that signed this request: a cheap way to test a signing client */
        get: operations["CallerAppController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/captcha": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A new captcha, 5 minutes, one use: an ALTCHA proof-of-work challenge, or an image (CAPTCHA_KIND=image, 5 tries) */
        get: operations["CaptchaController_issue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign up: a pending account and a mailed verification link; a taken username is 1020, a taken email answers alike and its owner gets a notice */
        post: operations["AccountsController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Use a verification link (the button of the /verify page) */
        post: operations["AccountsController_verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/verification/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a fresh link to a pending account; the same answer whether or not it exists */
        post: operations["AccountsController_resend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/password/forgot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a 6-digit reset code; the same answer whether or not the address exists */
        post: operations["AccountsController_forgot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the mailed code; ends every session. 1034 for any code that does not work, 1075 past the tries of the account */
        post: operations["AccountsController_reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your profile */
        get: operations["UsersController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change your nickname or mail language */
        patch: operations["UsersController_update"];
        trace?: never;
    };
    "/api/v1/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password; your other sessions end */
        post: operations["UsersController_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Someone's public profile */
        get: operations["UsersController_publicProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether you checked in today, your streak and this month as a calendar */
        get: operations["PointsController_month"];
        put?: never;
        /** Today's check-in under the calling app: reward, streak and new total (1040 when done already) */
        post: operations["PointsController_checkIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your points and balance (cents) */
        get: operations["PointsController_totals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/points/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your points ledger, newest first */
        get: operations["PointsController_pointsLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/balance/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your balance ledger (cents), newest first */
        get: operations["PointsController_balanceLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/points/spend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Spend points (1041 when short); the same idempotencyKey again replays the first answer */
        post: operations["PointsController_spend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/points/leaderboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top users by the points they earned in the calling app's ledger */
        get: operations["PointsController_leaderboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your inbox, newest first; condition: unread (true/false), from (uuid), since, until */
        get: operations["MessagesController_list"];
        put?: never;
        /** Write to a user's inbox (1054 when their group cannot receive messages) */
        post: operations["MessagesController_send"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many of your messages are unread */
        get: operations["MessagesController_unreadCount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark every message read */
        post: operations["MessagesController_markAllRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{mgid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your messages, whole; reading it marks it read (1057 when not yours) */
        get: operations["MessagesController_open"];
        put?: never;
        post?: never;
        /** Delete one of your messages (1057 when not yours) */
        delete: operations["MessagesController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tutorials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published tutorials (summaries); condition: q (words in the title, tags or body, ranked), tag, sort (hot, new, views, relevance), author (uuid), status (publishers) */
        get: operations["TutorialsController_list"];
        put?: never;
        /** Write a tutorial: a DRAFT, or with publish PUBLISHED (tutorial.publish) or PENDING a publisher */
        post: operations["TutorialsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tutorials/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tags of published tutorials with their counts, most used first; condition: q (in the tag) */
        get: operations["TutorialsController_tags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tutorials/recommended": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published tutorials by others you have neither read nor liked, most tags in common with what you read and liked first, then hottest (1055 when there are none) */
        get: operations["TutorialsController_recommended"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tutorials/{tid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One tutorial, whole (1052 unless published, yours, or you publish); a logged-in first reading counts a view */
        get: operations["TutorialsController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit your tutorial or ask for its publication; publishers set any status (1042, 1052) */
        patch: operations["TutorialsController_update"];
        trace?: never;
    };
    "/api/v1/tutorials/{tid}/cover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tutorial's cover image (1052 unless you may see the tutorial, 1048 without a cover, 1051 once its file is gone) */
        get: operations["TutorialsController_cover"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tutorials/{tid}/like": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Like a published tutorial, once (1052 unless published) */
        put: operations["TutorialsController_like"];
        post?: never;
        /** Take your like back (1052 unless published) */
        delete: operations["TutorialsController_unlike"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload one file (multipart: file, type); a zip is checked as an archive first (1016, 1017, 1046, 1047) */
        post: operations["FilesController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/files/{flid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your file's metadata (1048 when not yours, 1051 once deleted) */
        get: operations["FilesController_describe"];
        put?: never;
        post?: never;
        /** Delete your file; its download credentials stop working (1051) */
        delete: operations["FilesController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/files/{flid}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A download credential for your file: maxDownloads 1-1000 (1049), expiresInSeconds; shown once */
        post: operations["FilesController_createCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/download/{credential}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bytes behind a credential, one Range supported (or, with S3_PRESIGNED_DOWNLOADS, 302 to the store's URL for them); each GET takes what it serves from the credential's maxDownloads x size bytes, HEAD takes nothing (1050, 1051) */
        get: operations["DownloadController_download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developer/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your developer apps, newest first (never their keys); condition: status */
        get: operations["DeveloperController_list"];
        put?: never;
        /** Create a developer app for its price (1059), within the total (1060) and monthly (1061) quotas; the key is shown in this answer only */
        post: operations["DeveloperController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developer/apps/{apiId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, enable or disable your app (1062 when not yours, 1067 once closed by an administrator) */
        patch: operations["DeveloperController_update"];
        trace?: never;
    };
    "/api/v1/developer/apps/{apiId}/rotate-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the key at once; the new one is shown in this answer only */
        post: operations["DeveloperController_rotateKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developer/apps/{apiId}/renew": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay the price again (1059) for more days, counted from the expiry or from now if past */
        post: operations["DeveloperController_renew"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developer/apps/{apiId}/library": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bind your app to one of your user libraries (1071 unknown or not yours); its end users are those of the library */
        post: operations["DeveloperController_bind"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developer/libraries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your user libraries, newest first, deleted ones included */
        get: operations["DeveloperController_listLibraries"];
        put?: never;
        /** Create a user library for its price (1059), at most your apps + 1 (1072) */
        post: operations["DeveloperController_createLibrary"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developer/libraries/{spanId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your user libraries: its end users, the apps bound to it, its expiry (1071 when not yours) */
        get: operations["DeveloperController_library"];
        put?: never;
        post?: never;
        /** Delete a user library (soft: its apps then answer 1070) */
        delete: operations["DeveloperController_deleteLibrary"];
        options?: never;
        head?: never;
        /** Rename a user library, or ask new end users to verify their address */
        patch: operations["DeveloperController_updateLibrary"];
        trace?: never;
    };
    "/api/v1/developer/libraries/{spanId}/renew": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay the price again (1059) for more days; only near or just past the expiry (1073) */
        post: operations["DeveloperController_renewLibrary"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/open/users/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register an end user in the app's library (1020 taken, 1066 the app's cap reached) */
        post: operations["OpenApiController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/open/users/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log an end user in: (uuid, ukey); 99999 wrong credentials, 99998 banned or not verified */
        post: operations["OpenApiController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/open/users/verification/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a pending end user of the library a fresh verification link; the same answer whether or not the address is known */
        post: operations["OpenApiController_resendVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/open/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The end user's own profile */
        get: operations["OpenApiController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change nickname or QQ (99992 when the QQ is malformed) */
        patch: operations["OpenApiController_update"];
        trace?: never;
    };
    "/api/v1/open/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password (99999 when the current one is wrong); other sessions end */
        post: operations["OpenApiController_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/open/users/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session */
        post: operations["OpenApiController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/open/users/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public profile of another end user of the library (99993 unknown) */
        get: operations["OpenApiController_profile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developer/libraries/{spanId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** End users of your library, newest first; condition: status, q (1071 when not yours) */
        get: operations["DeveloperEndUsersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developer/libraries/{spanId}/users/{uuid}/ban": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ban an end user: their sessions end, logins answer 99998 */
        post: operations["DeveloperEndUsersController_ban"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developer/libraries/{spanId}/users/{uuid}/unban": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a ban */
        post: operations["DeveloperEndUsersController_unban"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developer/libraries/{spanId}/users/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an end user: their sessions end, their name and address are free again */
        delete: operations["DeveloperEndUsersController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developer/apps/{apiId}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your app's open-API calls per day (UTC) and its library's end users */
        get: operations["DeveloperEndUsersController_usage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users, newest first; condition: status, group, q, since, until */
        get: operations["AdminController_listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user's status (a ban ends their sessions at once) or group */
        patch: operations["AdminController_updateUser"];
        trace?: never;
    };
    "/api/v1/admin/users/{uuid}/points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Adjust a user's points through the ledger */
        post: operations["AdminController_adjustPoints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{uuid}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Adjust a user's balance (cents) through the ledger */
        post: operations["AdminController_adjustBalance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Groups by rank */
        get: operations["AdminController_listGroups"];
        put?: never;
        /** Create a group below your rank (1054) with permissions your group holds (1042) */
        post: operations["AdminController_createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/groups/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an empty group below your rank (1054); not the default one (1043) */
        delete: operations["AdminController_removeGroup"];
        options?: never;
        head?: never;
        /** Change the rank, permissions or default mark of a group below your rank; it stays below it (1054) with permissions your group holds (1042) */
        patch: operations["AdminController_updateGroup"];
        trace?: never;
    };
    "/api/v1/admin/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** First-party apps (never their keys) */
        get: operations["AdminController_listApps"];
        put?: never;
        /** Register an app; its key is shown in this answer only */
        post: operations["AdminController_createApp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/apps/{appId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an app's name, scopes, allowed domains or status (ENABLED, DISABLED, CLOSED); the public web app stays ENABLED (1043); 1054 beyond your reach */
        patch: operations["AdminController_updateApp"];
        trace?: never;
    };
    "/api/v1/admin/apps/{appId}/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the key: the new one is shown once; the old one works for the grace period. The public web app keeps no key (1043); 1054 beyond your reach */
        post: operations["AdminController_rotateKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/developer-apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Developers' apps, newest first (never their keys); condition: status, owner (uuid), q (in the name) */
        get: operations["AdminController_listDeveloperApps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/developer-apps/{apiId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Close a developer app's API (CLOSED) or reopen it (ENABLED, DISABLED) when its owner ranks below you (1054); audited */
        patch: operations["AdminController_updateDeveloperApp"];
        trace?: never;
    };
    "/api/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first; condition: action, actor, targetType, target, since, until */
        get: operations["AdminController_auditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qq/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Starts a QQ login: 302 to QQ's authorize page (200 with the URL for Accept: application/json), with the verifier that finishes it; returnTo on the app's allowed domains (-1); intent=bind only by POST (1011); 1077 without QQ */
        get: operations["QqController_authorize"];
        put?: never;
        /** Starts a QQ login or bind: QQ's authorize page and the verifier that finishes it; bind needs a session (1030) and the account password (1011, 1028, 1075); returnTo as for GET (-1) */
        post: operations["QqController_authorizeWithBody"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qq/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the flow of a live state goes back to, for the /qq-callback page; uses nothing (1011, 1025, 1026) */
        get: operations["QqController_returnTo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qq/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Finishes a flow with the code and state QQ sent back, for the client that started it (its verifier, its app and, for a bind, its user: 1025 otherwise): binds, logs in, or gives a ticket (1011, 1025, 1026, 1032, 1038, 1039, 996) */
        get: operations["QqController_callback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qq/bindings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's QQ bindings under the app of the session */
        get: operations["QqController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qq/bindings/{raid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of them (1037 otherwise) */
        get: operations["QqController_get"];
        put?: never;
        post?: never;
        /** Remove a binding (1037); a session opened with QQ must send the account password (1011, 1028, 1075) */
        delete: operations["QqController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login/qq": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bind a login callback's ticket to the account of account and password, and log in (1025, 1026, 1031, 1032, 1038, 1039, 1075) */
        post: operations["QqLoginController_logIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report a tutorial, message, user or file you can see (1052, 1057, 1053 or 1058, 1048 otherwise); while your report of it is open, that report is the answer */
        post: operations["ReportsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reports, newest first; condition: status (pending, approved, rejected), type (tutorial, message, user, file), target, reporter */
        get: operations["AdminReportsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One report, with its target as it is now and how many reports of it are open (1044 unknown) */
        get: operations["AdminReportsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reports/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The verdict on every open report of its target: approve takes the target down, reject leaves it (1043 verdict, 1044 unknown or already reviewed, 1054 a user who outranks you) */
        post: operations["AdminReportsController_review"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api.php": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The old single endpoint, for clients that cannot move to REST yet: ?class=&mode=&from= names an action, answered by its REST twin (the README's table); uuid/ukey and app_id may come as parameters. 1009, 1010, 1001, 1002, 1006, 1005, 1024, 1011 in that order, then the twin's own codes */
        get: operations["LegacyController_get"];
        put?: never;
        /** The old single endpoint, for clients that cannot move to REST yet: ?class=&mode=&from= names an action, answered by its REST twin (the README's table); uuid/ukey and app_id may come as parameters. 1009, 1010, 1001, 1002, 1006, 1005, 1024, 1011 in that order, then the twin's own codes */
        post: operations["LegacyController_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        IssuedSessionDto: {
            /**
             * @description the user id
             * @example 6f1c2d3e-0000-4000-8000-000000000000
             */
            uuid: string;
            /** @description the session key: shown once, send it as Authorization: Bearer <uuid>.<ukey> */
            ukey: string;
            /** Format: date-time */
            expiresAt: string;
        };
        LoginDto: {
            /**
             * @description username or email
             * @example alice
             */
            account: string;
            /** @example correct horse battery staple */
            password: string;
        };
        SessionDto: {
            id: string;
            /** @description app_id the session was created under */
            app: string;
            ip: string | null;
            userAgent: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastSeenAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** @description the session of this request */
            current: boolean;
        };
        CallerAppDto: {
            /** @example app_3f9c0a1b2c3d4e5f */
            appId: string;
            /** @example Web */
            name: string;
            /**
             * @description endpoint groups the app may call; * is all
             * @example [
             *       "accounts",
             *       "auth",
             *       "users"
             *     ]
             */
            scopes: string[];
        };
        AltchaParametersDto: {
            /** @example PBKDF2/SHA-256 */
            algorithm: string;
            /** @description PBKDF2 iterations per counter */
            cost: number;
            nonce: string;
            salt: string;
            keyLength: number;
            /** @description hex the derived key of the solution starts with */
            keyPrefix: string;
            keySignature?: string;
            /** @description unix seconds */
            expiresAt?: number;
        };
        AltchaChallengeDto: {
            /** @enum {string} */
            kind: "altcha";
            /** @description with `signature`, the challenge to give the ALTCHA widget or solveChallenge */
            parameters: components["schemas"]["AltchaParametersDto"];
            signature: string;
            /** Format: date-time */
            expiresAt: string;
        };
        ImageCaptchaDto: {
            /** @enum {string} */
            kind: "image";
            captchaId: string;
            /** @description an SVG image of the text to type */
            svg: string;
            /** Format: date-time */
            expiresAt: string;
        };
        RegisteredDto: {
            uuid: string;
            username: string;
            email: string;
            /** @example PENDING */
            status: string;
        };
        RegisterDto: {
            /** @example alice@example.com */
            email: string;
            /** @description 8-72 bytes, not a common password */
            password: string;
            passwordConfirm: string;
            /** @description ALTCHA: the base64 JSON payload of the solved challenge (the widget's form field) */
            altcha?: string;
            /** @description ALTCHA: the same payload under another name, for clients that are not forms */
            captchaPayload?: string;
            /** @description image captcha: its captchaId from GET /captcha */
            captchaId?: string;
            /** @description image captcha: the text of the image */
            captchaCode?: string;
            /**
             * @description 4-20 letters, digits or _, starting with a letter
             * @example alice_01
             */
            username: string;
            /**
             * @description 1-20 characters, no control characters
             * @example 爱丽丝
             */
            nickname: string;
        };
        VerifiedDto: {
            /**
             * @description the account status after the link was used
             * @example ACTIVE
             */
            status: string;
        };
        TokenDto: {
            /** @description the token of the mailed link */
            token: string;
        };
        EmailDto: {
            /** @example alice@example.com */
            email: string;
        };
        PasswordResetDto: {
            /** @example alice@example.com */
            email: string;
            /** @description 8-72 bytes, not a common password */
            password: string;
            passwordConfirm: string;
            /** @example 042917 */
            code: string;
        };
        ProfileDto: {
            uuid: string;
            username: string;
            nickname: string;
            /** @example member */
            group: string;
            /** Format: date-time */
            createdAt: string;
            email: string;
            /** @example ACTIVE */
            status: string;
            /** @example zh */
            locale: string;
            points: number;
            /** @description money, in cents */
            balanceCents: number;
            /** Format: date-time */
            emailVerifiedAt: string | null;
        };
        UpdateProfileDto: {
            /** @description 1-20 characters, no control characters */
            nickname?: string;
            /**
             * @description the language of the mail you receive
             * @enum {string}
             */
            locale?: "zh" | "en";
        };
        ChangePasswordDto: {
            /** @description 8-72 bytes, not a common password */
            password: string;
            passwordConfirm: string;
            currentPassword: string;
        };
        PublicProfileDto: {
            uuid: string;
            username: string;
            nickname: string;
            /** @example member */
            group: string;
            /** Format: date-time */
            createdAt: string;
        };
        CheckinResultDto: {
            /**
             * @description the calendar day checked in (TZ_CHECKIN)
             * @example 2026-11-30
             */
            day: string;
            /** @description points paid for it */
            reward: number;
            /** @description consecutive days up to this one */
            streak: number;
            /** @description the points total after the reward */
            points: number;
        };
        CheckinMonthDto: {
            checkedInToday: boolean;
            /** @description consecutive days up to today (or yesterday, while today is still open) */
            streak: number;
            /** @example 2026-11 */
            month: string;
            /** @description days of the month (1-31) with a check-in */
            days: number[];
        };
        PointsTotalsDto: {
            points: number;
            /** @description money, in cents */
            balanceCents: number;
        };
        LedgerEntryDto: {
            /** @description entry id */
            id: string;
            /** @description points (or cents) added; negative when taken */
            delta: number;
            /** @description the total right after this entry */
            balanceAfter: number;
            /** @example CHECKIN */
            kind: string;
            reason: string;
            idempotencyKey: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description true when this answers a repeated idempotency key */
            replayed: boolean;
        };
        SpendDto: {
            /** @example 30 */
            amount: number;
            /** @example avatar frame */
            reason: string;
            /**
             * @description the same key again returns the first result and moves nothing
             * @example order-7f3a
             */
            idempotencyKey: string;
        };
        LeaderboardRowDto: {
            /** @description from 1 */
            rank: number;
            uuid: string;
            nickname: string;
            /** @description points from the calling app's ledger entries (earned less spent) */
            points: number;
        };
        UserSummaryDto: {
            uuid: string;
            username: string;
            nickname: string;
        };
        MessageDto: {
            /** @description message id */
            mgid: string;
            /** @description null when the platform wrote it, or the sender is gone */
            from?: components["schemas"]["UserSummaryDto"] | null;
            title: string;
            /** @description the first 120 characters of the body */
            preview: string;
            /**
             * Format: date-time
             * @description null while unread
             */
            readAt: string | null;
            /** Format: date-time */
            createdAt: string;
            body: string;
        };
        SendMessageDto: {
            /** @description the recipient's uuid */
            to: string;
            /**
             * @description 1-100 characters
             * @example About your tutorial
             */
            title: string;
            /** @description 1-5000 characters */
            body: string;
        };
        MessageSummaryDto: {
            /** @description message id */
            mgid: string;
            /** @description null when the platform wrote it, or the sender is gone */
            from?: components["schemas"]["UserSummaryDto"] | null;
            title: string;
            /** @description the first 120 characters of the body */
            preview: string;
            /**
             * Format: date-time
             * @description null while unread
             */
            readAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        UnreadCountDto: {
            unread: number;
        };
        MarkedReadDto: {
            /** @description how many messages were marked read */
            marked: number;
        };
        TutorialDto: {
            /** @description tutorial id */
            tid: string;
            title: string;
            /** @description the author's excerpt, else the first 200 characters of the text */
            excerpt: string;
            tags: string[];
            /** @description flid of the cover image, served by GET /tutorials/:tid/cover; null if none */
            cover: string | null;
            author: components["schemas"]["UserSummaryDto"];
            /** @description distinct logged-in readers */
            views: number;
            /** @description users who like it */
            likes: number;
            /** @description whether the caller likes it (false without a session) */
            liked: boolean;
            /**
             * Format: date-time
             * @description when it was first published; null if never
             */
            publishedAt: string | null;
            /** @description markdown, as its author sent it */
            body: string;
            /** @description the body rendered, sanitized: no script, event handler, frame or javascript:/data: URL survives */
            html: string;
            /** @enum {string} */
            status: "DRAFT" | "PENDING" | "PUBLISHED" | "HIDDEN";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CreateTutorialDto: {
            /**
             * @description 1-100 characters, trimmed
             * @example Signing requests in five minutes
             */
            title: string;
            /** @description markdown, stored as sent; 1-100000 characters */
            body: string;
            /**
             * @description publish at once (PENDING until a publisher does, unless your group holds tutorial.publish)
             * @default false
             */
            publish?: boolean;
            /**
             * @description at most 8, each 1-32 letters, digits or + # . _ -; stored lower-cased, spaces as -
             * @example [
             *       "signing",
             *       "入门"
             *     ]
             */
            tags?: string[];
            /** @description 1-200 characters, trimmed; null removes it (lists then show the start of the text) */
            excerpt?: string | null;
            /** @description flid of one of your image files (png, jpeg, gif, webp); null removes it */
            cover?: string | null;
        };
        TutorialSummaryDto: {
            /** @description tutorial id */
            tid: string;
            title: string;
            /** @description the author's excerpt, else the first 200 characters of the text */
            excerpt: string;
            tags: string[];
            /** @description flid of the cover image, served by GET /tutorials/:tid/cover; null if none */
            cover: string | null;
            author: components["schemas"]["UserSummaryDto"];
            /** @description distinct logged-in readers */
            views: number;
            /** @description users who like it */
            likes: number;
            /** @description whether the caller likes it (false without a session) */
            liked: boolean;
            /**
             * Format: date-time
             * @description when it was first published; null if never
             */
            publishedAt: string | null;
        };
        TagCountDto: {
            /** @example signing */
            tag: string;
            /** @description published tutorials carrying it */
            count: number;
        };
        LikeDto: {
            /** @description users who like the tutorial now */
            likes: number;
            liked: boolean;
        };
        UpdateTutorialDto: {
            /** @description 1-100 characters, trimmed */
            title?: string;
            /** @description markdown, stored as sent; 1-100000 characters */
            body?: string;
            /**
             * @description authors: DRAFT, PENDING (or PUBLISHED with tutorial.publish); publishers: any
             * @enum {string}
             */
            status?: "DRAFT" | "PENDING" | "PUBLISHED" | "HIDDEN";
            /**
             * @description at most 8, each 1-32 letters, digits or + # . _ -; stored lower-cased, spaces as -
             * @example [
             *       "signing",
             *       "入门"
             *     ]
             */
            tags?: string[];
            /** @description 1-200 characters, trimmed; null removes it (lists then show the start of the text) */
            excerpt?: Record<string, never> | null;
            /** @description flid of one of your image files (png, jpeg, gif, webp); null removes it */
            cover?: Record<string, never> | null;
        };
        FileDto: {
            /** @description file id */
            flid: string;
            /** @description the uploaded file name, without folders or control characters */
            name: string;
            /** @description 1-8 of [0-9A-Za-z], as sent; zip files are checked as archives */
            type: string;
            /** @description bytes */
            size: number;
            /** @description hex SHA-256 of the bytes (also the ETag of a download) */
            sha256: string;
            /** Format: date-time */
            createdAt: string;
        };
        CredentialDto: {
            /** @description 256 bits, URL-safe; shown once (only its SHA-256 is kept) */
            credential: string;
            /** @example /api/v1/download/3q2-7wX... */
            url: string;
            /** Format: date-time */
            expiresAt: string;
        };
        CreateCredentialDto: {
            /** @description downloads the credential allows (1049 outside) */
            maxDownloads: number;
            /** @description seconds the credential works, at most CREDENTIAL_MAX_SECONDS (1074 outside) */
            expiresInSeconds: number;
        };
        IssuedDeveloperAppDto: {
            /** @example dk0123456789abcdef0123 */
            apiId: string;
            name: string;
            /** @enum {string} */
            status: "ENABLED" | "DISABLED" | "CLOSED";
            /** @description end users the app may register */
            userCap: number;
            allowedDomains: string[];
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description HMAC-SHA256 key of the open API; shown in this answer only */
            apiKey: string;
            /**
             * Format: date-time
             * @description after a rotation: until when the previous key still signs
             */
            previousKeyExpiresAt?: string | null;
        };
        CreateDeveloperAppDto: {
            /** @example My game */
            name: string;
        };
        DeveloperAppDto: {
            /** @example dk0123456789abcdef0123 */
            apiId: string;
            name: string;
            /** @enum {string} */
            status: "ENABLED" | "DISABLED" | "CLOSED";
            /** @description end users the app may register */
            userCap: number;
            allowedDomains: string[];
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        UpdateDeveloperAppDto: {
            /** @example My game (beta) */
            name?: string;
            /** @enum {string} */
            status?: "ENABLED" | "DISABLED";
            /**
             * @description origins the open API accepts in Origin/Referer (-1 otherwise); a bare host means https
             * @example [
             *       "https://game.example.com"
             *     ]
             */
            allowedDomains?: string[];
        };
        BoundDeveloperAppDto: {
            /** @example dk0123456789abcdef0123 */
            apiId: string;
            name: string;
            /** @enum {string} */
            status: "ENABLED" | "DISABLED" | "CLOSED";
            /** @description end users the app may register */
            userCap: number;
            allowedDomains: string[];
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @example sp0123456789abcdef0123 */
            spanId: string;
        };
        BindLibraryDto: {
            /** @example sp0123456789abcdef0123 */
            spanId: string;
        };
        LibraryDto: {
            /** @example sp0123456789abcdef0123 */
            spanId: string;
            name: string;
            requireEmailVerification: boolean;
            /** Format: date-time */
            expiresAt: string;
            /**
             * Format: date-time
             * @description set once its owner deleted it
             */
            deletedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        CreateLibraryDto: {
            /** @example Players */
            name: string;
            /**
             * @description new end users confirm their address by a mailed link before they can log in
             * @default false
             */
            requireEmailVerification?: boolean;
        };
        LibraryDetailDto: {
            /** @example sp0123456789abcdef0123 */
            spanId: string;
            name: string;
            requireEmailVerification: boolean;
            /** Format: date-time */
            expiresAt: string;
            /**
             * Format: date-time
             * @description set once its owner deleted it
             */
            deletedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            endUsers: number;
            /** @description api ids of the apps bound to it */
            apps: string[];
        };
        UpdateLibraryDto: {
            /** @example Players (EU) */
            name?: string;
            requireEmailVerification?: boolean;
        };
        RegisteredEndUserDto: {
            uuid: string;
            username: string;
            nickname: string;
            /** Format: date-time */
            createdAt: string;
            email: string | null;
            qq: string | null;
            /** @enum {string} */
            status: "PENDING" | "ACTIVE" | "BANNED" | "DELETED";
            /** @description true when a verification mail was sent and the user must follow it before logging in */
            verificationRequired: boolean;
        };
        RegisterEndUserDto: {
            /**
             * @description 4-20 letters, digits or _, starting with a letter; unique in the library
             * @example player_one
             */
            username: string;
            /**
             * @description required when the library asks for verified addresses
             * @example player@example.com
             */
            email?: string;
            /** @description 8-72 bytes, not a common password */
            password: string;
            /**
             * @description the username when not given
             * @example 小明
             */
            nickname?: string;
            /**
             * @description 5-11 digits, not starting with 0 (99992)
             * @example 10001
             */
            qq?: string;
        };
        EndUserSessionDto: {
            uuid: string;
            ukey: string;
            /** Format: date-time */
            expiresAt: string;
        };
        EndUserLoginDto: {
            /** @description username or email */
            account: string;
            password: string;
        };
        EndUserDto: {
            uuid: string;
            username: string;
            nickname: string;
            /** Format: date-time */
            createdAt: string;
            email: string | null;
            qq: string | null;
            /** @enum {string} */
            status: "PENDING" | "ACTIVE" | "BANNED" | "DELETED";
        };
        UpdateEndUserDto: {
            /** @example 小明 */
            nickname?: string;
            /**
             * @description 5-11 digits, not starting with 0 (99992); null removes it
             * @example 10001
             */
            qq?: string | null;
        };
        ChangeEndUserPasswordDto: {
            currentPassword: string;
            /** @description 8-72 bytes, not a common password */
            password: string;
        };
        PublicEndUserDto: {
            uuid: string;
            username: string;
            nickname: string;
            /** Format: date-time */
            createdAt: string;
        };
        UsageDayDto: {
            /**
             * @description calendar day, UTC
             * @example 2026-11-30
             */
            day: string;
            calls: number;
        };
        UsageDto: {
            apiId: string;
            /** @description open-API calls per day, oldest first; days without calls left out */
            calls: components["schemas"]["UsageDayDto"][];
            /** @description the span id of the library the app is bound to */
            spanId: string | null;
            /** @description end users of that library (deleted ones not counted) */
            endUsers: number;
        };
        AdminUserDto: {
            uuid: string;
            username: string;
            email: string;
            nickname: string;
            /** @enum {string} */
            status: "PENDING" | "ACTIVE" | "LOCKED" | "BANNED";
            /** @example member */
            group: string;
            points: number;
            /** @description money, in cents */
            balanceCents: number;
            /** Format: date-time */
            emailVerifiedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        UpdateUserDto: {
            /** @enum {string} */
            status?: "ACTIVE" | "LOCKED" | "BANNED";
            /**
             * @description group name
             * @example vip
             */
            group?: string;
        };
        AdjustmentDto: {
            /**
             * @description added when positive, taken when negative; never zero
             * @example 50
             */
            delta: number;
            /** @example compensation for the outage */
            reason: string;
        };
        GroupDto: {
            id: number;
            /** @example vip */
            name: string;
            /** @description higher ranks act on lower ones */
            rank: number;
            /**
             * @example [
             *       "message.receive",
             *       "file.upload"
             *     ]
             */
            permissions: string[];
            /** @description the group every new user joins */
            isDefault: boolean;
            /** @description bytes of files each member may hold; 0 is unlimited */
            storageQuotaBytes: number;
            /** Format: date-time */
            createdAt: string;
        };
        CreateGroupDto: {
            /** @example supporter */
            name: string;
            /** @example 25 */
            rank: number;
            /**
             * @example [
             *       "message.receive"
             *     ]
             */
            permissions: string[];
            /**
             * @description bytes of files each member may hold; 0 (the default for a new group): unlimited
             * @example 1073741824
             */
            storageQuotaBytes?: number;
        };
        GroupChangesDto: {
            /** @example 25 */
            rank?: number;
            /**
             * @example [
             *       "message.receive",
             *       "file.upload"
             *     ]
             */
            permissions?: string[];
            /** @description new users join the default group */
            isDefault?: boolean;
            /**
             * @description bytes of files each member may hold; 0 (the default for a new group): unlimited
             * @example 1073741824
             */
            storageQuotaBytes?: number;
        };
        AdminAppDto: {
            appId: string;
            name: string;
            /** @example ENABLED */
            status: string;
            scopes: string[];
            allowedDomains: string[];
            /** @description false for a public client such as web, which does not sign */
            hasKey: boolean;
            /**
             * Format: date-time
             * @description until when the previous key still works
             */
            previousKeyExpiresAt: string | null;
            /** @description the uuid of the administrator who registered it */
            createdBy: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        IssuedAppKeyDto: {
            appId: string;
            /** @description shown in this answer only */
            appKey: string;
        };
        CreateAppDto: {
            /** @example iOS */
            name: string;
            /**
             * @description endpoint groups, or * for all; default: app (GET /apps/me) only
             * @example [
             *       "accounts",
             *       "auth",
             *       "users"
             *     ]
             */
            scopes?: string[];
            /**
             * @description origins; a bare host means https
             * @example [
             *       "https://app.example.com",
             *       "https://*.example.com",
             *       "http://localhost:3000"
             *     ]
             */
            allowedDomains?: string[];
            /** @enum {string} */
            status?: "ENABLED" | "DISABLED" | "CLOSED";
        };
        AppSettingsDto: {
            /** @example iOS */
            name?: string;
            /**
             * @description endpoint groups, or * for all; default: app (GET /apps/me) only
             * @example [
             *       "accounts",
             *       "auth",
             *       "users"
             *     ]
             */
            scopes?: string[];
            /**
             * @description origins; a bare host means https
             * @example [
             *       "https://app.example.com",
             *       "https://*.example.com",
             *       "http://localhost:3000"
             *     ]
             */
            allowedDomains?: string[];
            /** @enum {string} */
            status?: "ENABLED" | "DISABLED" | "CLOSED";
        };
        RotatedAppKeyDto: {
            appId: string;
            /** @description shown in this answer only */
            appKey: string;
            /**
             * Format: date-time
             * @description until when the previous key still works (null: at once no more)
             */
            previousKeyExpiresAt: string | null;
        };
        AdminDeveloperAppDto: {
            /** @example dk0123456789abcdef0123 */
            apiId: string;
            name: string;
            /** @enum {string} */
            status: "ENABLED" | "DISABLED" | "CLOSED";
            /** @description end users the app may register */
            userCap: number;
            allowedDomains: string[];
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description the owner's uuid */
            ownerUuid: string;
        };
        AdminDeveloperAppStatusDto: {
            /**
             * @description CLOSED shuts the app’s API; ENABLED or DISABLED reopens it
             * @enum {string}
             */
            status: "ENABLED" | "DISABLED" | "CLOSED";
        };
        AuthorizeDto: {
            /** @description QQ's authorize page (also the Location of the 302) */
            url: string;
            /**
             * Format: date-time
             * @description when the state in it stops working
             */
            expiresAt: string;
            /** @description finishes this flow, once: keep it in the client that asked (never in a URL) and send it as X-QQ-Verifier to GET /qq/callback */
            verifier: string;
        };
        AuthorizeBodyDto: {
            /**
             * @description bind: bind a QQ to the logged-in user; login: log in with a QQ
             * @enum {string}
             */
            intent: "bind" | "login";
            /**
             * @description where the person goes back to: an http(s) URL on the app's allowed domains
             * @example https://app.example.com/qq-done
             */
            returnTo: string;
            /** @description the account password, asked again to bind a QQ (a session alone does not add a way in) */
            password?: string;
        };
        QqReturnDto: {
            /** @description the returnTo given to /qq/authorize */
            returnTo: string;
        };
        QqBindingDto: {
            /** @description the binding id */
            raid: string;
            /** @description app_id the binding was made under */
            app: string;
            /** @description the QQ's nickname when it was bound */
            nickname: string;
            avatarUrl: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        QqTicketDto: {
            /** @description single-use: POST /auth/login/qq binds this QQ to an account and logs in */
            ticket: string;
            /** Format: date-time */
            expiresAt: string;
            nickname: string;
            avatarUrl: string | null;
        };
        QqCallbackDto: {
            /**
             * @description bound: the QQ is bound; session: logged in; ticket: the QQ is bound to no account yet
             * @enum {string}
             */
            outcome: "bound" | "session" | "ticket";
            /** @description the returnTo given to /qq/authorize */
            returnTo: string;
            binding?: components["schemas"]["QqBindingDto"];
            session?: components["schemas"]["IssuedSessionDto"];
            ticket?: components["schemas"]["QqTicketDto"];
        };
        DeleteBindingDto: {
            /** @description the account password: needed when this session was opened with QQ */
            password?: string;
        };
        QqLoginResultDto: {
            /**
             * @description the user id
             * @example 6f1c2d3e-0000-4000-8000-000000000000
             */
            uuid: string;
            /** @description the session key: shown once, send it as Authorization: Bearer <uuid>.<ukey> */
            ukey: string;
            /** Format: date-time */
            expiresAt: string;
            binding: components["schemas"]["QqBindingDto"];
        };
        QqLoginDto: {
            /**
             * @description username or email
             * @example alice
             */
            account: string;
            /** @example correct horse battery staple */
            password: string;
            /** @description the ticket a login callback gave for a QQ no account holds yet */
            ticket: string;
        };
        ReportDto: {
            /** @description report id */
            id: string;
            /** @enum {string} */
            targetType: "tutorial" | "message" | "user" | "file";
            targetId: string;
            /** @enum {string} */
            reason: "spam" | "abuse" | "illegal" | "copyright" | "other";
            detail: string | null;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            reviewedAt: string | null;
        };
        CreateReportDto: {
            /** @enum {string} */
            targetType: "tutorial" | "message" | "user" | "file";
            /** @description the tutorial's tid, message's mgid, user's uuid or file's flid */
            targetId: string;
            /** @enum {string} */
            reason: "spam" | "abuse" | "illegal" | "copyright" | "other";
            /** @description 1-1000 characters, trimmed: what the moderators should know */
            detail?: string;
        };
        AdminReportDto: {
            /** @description report id */
            id: string;
            /** @enum {string} */
            targetType: "tutorial" | "message" | "user" | "file";
            targetId: string;
            /** @enum {string} */
            reason: "spam" | "abuse" | "illegal" | "copyright" | "other";
            detail: string | null;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            reviewedAt: string | null;
            reporter: components["schemas"]["UserSummaryDto"];
            reviewer: components["schemas"]["UserSummaryDto"] | null;
            note: string | null;
        };
        ReportTargetDto: {
            /** @description false once the target is gone (deleted by its owner, or removed by an earlier verdict) */
            exists: boolean;
            /** @description tutorial title, message title, user's nickname or file name */
            name: string | null;
            /** @description tutorial's markdown, message's body */
            text: string | null;
            /** @description tutorial's status, user's status, or for a file live / deleted */
            state: string | null;
            /** @description who is answerable for it: the tutorial's author, message's sender (null: the platform), the user, the file's owner */
            author: components["schemas"]["UserSummaryDto"] | null;
        };
        AdminReportDetailDto: {
            /** @description report id */
            id: string;
            /** @enum {string} */
            targetType: "tutorial" | "message" | "user" | "file";
            targetId: string;
            /** @enum {string} */
            reason: "spam" | "abuse" | "illegal" | "copyright" | "other";
            detail: string | null;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            reviewedAt: string | null;
            reporter: components["schemas"]["UserSummaryDto"];
            reviewer: components["schemas"]["UserSummaryDto"] | null;
            note: string | null;
            target: components["schemas"]["ReportTargetDto"];
            /** @description pending reports of the same target (one verdict reviews them all) */
            openReports: number;
        };
        ReviewReportDto: {
            /**
             * @description approve takes the target down; reject leaves it
             * @enum {string}
             */
            verdict: "approve" | "reject";
            /** @description 1-500 characters, trimmed; goes into the audit log and the notices to the reporters and the target's author */
            note?: string;
        };
        ErrorResponseDto: {
            /**
             * @description a code of the error catalogue (docs/error-codes.md)
             * @example 1020
             */
            code: number;
            /** @example 用户已存在或邮箱已使用 */
            message: string;
            /** @example email already bound to another user */
            detail?: string;
            /** @description facts the client may act on (an account status, the checks of readiness ...) */
            data?: {
                [key: string]: unknown;
            };
            /** @example 3f1c2b9e-5d0a-4b8e-9a8f-1f2e3d4c5b6a */
            requestId: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: {
                /** @description HEALTH_TOKEN (or Authorization: Bearer), for the details */
                "X-Health-Token"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    HealthController_checks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 1042 unless the caller's group holds app.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AuthController_logIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["IssuedSessionDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AuthController_logOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AuthController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["SessionDto"][];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AuthController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    CallerAppController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["CallerAppDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    CaptchaController_issue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AltchaChallengeDto"] | components["schemas"]["ImageCaptchaDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AccountsController_register: {
        parameters: {
            query?: never;
            header?: {
                /** @description the language of the mail: zh (default) or en */
                "Accept-Language"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterDto"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["RegisteredDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AccountsController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["VerifiedDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AccountsController_resend: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AccountsController_forgot: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AccountsController_reset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsersController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["ProfileDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProfileDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["ProfileDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsersController_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsersController_publicProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["PublicProfileDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PointsController_month: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["CheckinMonthDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PointsController_checkIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["CheckinResultDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PointsController_totals: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["PointsTotalsDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PointsController_pointsLedger: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LedgerEntryDto"][];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PointsController_balanceLedger: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LedgerEntryDto"][];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PointsController_spend: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpendDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LedgerEntryDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PointsController_leaderboard: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LeaderboardRowDto"][];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MessagesController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["MessageSummaryDto"][];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MessagesController_send: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageDto"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["MessageDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds message.send */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MessagesController_unreadCount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["UnreadCountDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MessagesController_markAllRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["MarkedReadDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MessagesController_open: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                mgid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["MessageDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MessagesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                mgid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TutorialsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["TutorialSummaryDto"][];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TutorialsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTutorialDto"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["TutorialDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds tutorial.write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TutorialsController_tags: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["TagCountDto"][];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TutorialsController_recommended: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["TutorialSummaryDto"][];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TutorialsController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["TutorialDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TutorialsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTutorialDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["TutorialDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TutorialsController_cover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TutorialsController_like: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LikeDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TutorialsController_unlike: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LikeDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FilesController_upload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * @description 1-8 of [0-9A-Za-z]
                     * @example zip
                     */
                    type: string;
                    /** Format: binary */
                    file: Blob;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["FileDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds file.upload */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FilesController_describe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["FileDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FilesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    FilesController_createCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCredentialDto"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["CredentialDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DownloadController_download: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                credential: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["DeveloperAppDto"][];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDeveloperAppDto"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["IssuedDeveloperAppDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                apiId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateDeveloperAppDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["DeveloperAppDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_rotateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                apiId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["IssuedDeveloperAppDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_renew: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                apiId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["DeveloperAppDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_bind: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                apiId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BindLibraryDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["BoundDeveloperAppDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_listLibraries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LibraryDto"][];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_createLibrary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateLibraryDto"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LibraryDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_library: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                spanId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LibraryDetailDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_deleteLibrary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                spanId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_updateLibrary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                spanId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateLibraryDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LibraryDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperController_renewLibrary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                spanId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LibraryDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    OpenApiController_register: {
        parameters: {
            query?: never;
            header?: {
                /** @description the language of the verification mail: zh (default) or en */
                "Accept-Language"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterEndUserDto"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["RegisteredEndUserDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    OpenApiController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EndUserLoginDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["EndUserSessionDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    OpenApiController_resendVerification: {
        parameters: {
            query?: never;
            header?: {
                /** @description the language of the mail: zh (default) or en */
                "Accept-Language"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    OpenApiController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["EndUserDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    OpenApiController_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateEndUserDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["EndUserDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    OpenApiController_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeEndUserPasswordDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    OpenApiController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    OpenApiController_profile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["PublicEndUserDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperEndUsersController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path: {
                spanId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["EndUserDto"][];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperEndUsersController_ban: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                spanId: string;
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["EndUserDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperEndUsersController_unban: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                spanId: string;
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["EndUserDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperEndUsersController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                spanId: string;
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["EndUserDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    DeveloperEndUsersController_usage: {
        parameters: {
            query?: {
                days?: number;
            };
            header?: never;
            path: {
                apiId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["UsageDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds developer.use */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_listUsers: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AdminUserDto"][];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds user.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AdminUserDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds user.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_adjustPoints: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdjustmentDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LedgerEntryDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds points.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_adjustBalance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdjustmentDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["LedgerEntryDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds points.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_listGroups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["GroupDto"][];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds group.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGroupDto"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["GroupDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds group.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_removeGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description 1042 unless the caller's group holds group.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_updateGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupChangesDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["GroupDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds group.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_listApps: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AdminAppDto"][];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds app.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_createApp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAppDto"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["IssuedAppKeyDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds app.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_updateApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppSettingsDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AdminAppDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds app.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_rotateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["RotatedAppKeyDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds app.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_listDeveloperApps: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AdminDeveloperAppDto"][];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds app.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_updateDeveloperApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                apiId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminDeveloperAppStatusDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AdminDeveloperAppDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds app.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminController_auditLog: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 1042 unless the caller's group holds audit.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    QqController_authorize: {
        parameters: {
            query: {
                /** @description bind: bind a QQ to the logged-in user; login: log in with a QQ */
                intent: "bind" | "login";
                /** @description where the person goes back to: an http(s) URL on the app's allowed domains */
                returnTo: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AuthorizeDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    QqController_authorizeWithBody: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuthorizeBodyDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AuthorizeDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    QqController_returnTo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["QqReturnDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    QqController_callback: {
        parameters: {
            query?: never;
            header: {
                /** @description the verifier /qq/authorize gave the client that started the flow */
                "X-QQ-Verifier": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["QqCallbackDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    QqController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["QqBindingDto"][];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    QqController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                raid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["QqBindingDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    QqController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                raid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteBindingDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        /** @enum {unknown|null} */
                        data: null;
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    QqLoginController_logIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QqLoginDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["QqLoginResultDto"];
                    };
                };
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ReportsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReportDto"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["ReportDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds report.create */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminReportsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description filters as key:value pairs separated by ; */
                condition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AdminReportDto"][];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds report.review */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminReportsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AdminReportDetailDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds report.review */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AdminReportsController_review: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewReportDto"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        code: 0;
                        /** @enum {string} */
                        message: "ok";
                        data: components["schemas"]["AdminReportDetailDto"];
                    };
                };
            };
            /** @description 1042 unless the caller's group holds report.review */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    LegacyController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    LegacyController_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a code of the error catalogue */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
}
