import { Studio } from "@/components/studio/studio";

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Studio sessionId={id} />;
}
