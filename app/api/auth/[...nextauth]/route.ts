import NextAuth from "next-auth";
import { authOptions, signInThrottleResponse } from "@/lib/auth/next-auth";

// Public: this is the sign-in and sign-out endpoint itself.
const handler = NextAuth(authOptions);

export async function POST(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return (await signInThrottleResponse(request)) ?? handler(request, context);
}

export { handler as GET };
