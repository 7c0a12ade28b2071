import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { studioConfig } from "@/lib/config/studio-config";
import { ACCESS_ENV, safeNextPath } from "@/lib/http/access";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in · IntroSVG Studio" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : null);
  const required = studioConfig().access.accessToken !== null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-base font-semibold tracking-tight text-slate-900">IntroSVG Studio</h1>
        {required ? (
          <>
            <p className="mt-1 text-sm text-slate-600">This studio is shared: enter its access token to continue.</p>
            <SignInForm next={target} />
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            This studio has no access token ({ACCESS_ENV.accessToken} is not set), so there is nothing to sign in to.{" "}
            <a href={target} className="font-medium text-slate-900 underline">
              Open the studio
            </a>
          </p>
        )}
      </div>
    </main>
  );
}
