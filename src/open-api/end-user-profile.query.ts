// The profile read of GET /open/users/me, as the benchmark's raw baseline sends it too: this file
// loads without the application.

/** An end user's own profile, by id. */
export const END_USER_PROFILE = `SELECT id, library_id, username, email, nickname, qq, status, created_at FROM end_users WHERE id = $1::uuid`;

export interface EndUserProfileRow {
  id: string;
  library_id: number;
  username: string;
  email: string | null;
  nickname: string;
  qq: string | null;
  status: string;
  created_at: Date;
}
