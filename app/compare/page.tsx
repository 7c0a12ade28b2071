import { ProfileCompare } from "@/components/profile-compare/profile-compare";

/**
 * Two runs of one prompt side by side: /compare?left=ID&right=ID, or /compare?left=ID&profile=P,
 * which first runs the left session's prompt with profile P as a linked session (the URL then
 * names it as right).
 */
export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : null);
  return <ProfileCompare left={one(params.left)} right={one(params.right)} profile={one(params.profile)} />;
}
