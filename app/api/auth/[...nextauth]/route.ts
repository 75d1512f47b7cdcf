import { handlers } from "@/lib/auth/config";
import { withPublicOrigin } from "@/lib/auth/public-origin";
import { refuseUnstorableBody } from "@/lib/route-handler";

export const GET = withPublicOrigin(handlers.GET);
export const POST = refuseUnstorableBody(withPublicOrigin(handlers.POST));
