import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    /** the user's session version at sign-in (see lib/auth/session.ts) */
    sv?: number;
  }
  interface Session {
    sv: number;
    /** ms since epoch of the sign-in that issued this session */
    authAt: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    authAt?: number;
  }
}
