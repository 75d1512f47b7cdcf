import { handlers } from "@/lib/auth/config";
import { withPublicOrigin } from "@/lib/auth/public-origin";

export const GET = withPublicOrigin(handlers.GET);
export const POST = withPublicOrigin(handlers.POST);
