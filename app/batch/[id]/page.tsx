import type { Metadata } from "next";
import { BatchRuns } from "@/components/batch/batch-runs";

export const metadata: Metadata = { title: "Batch run · IntroSVG Studio" };

export default async function BatchJobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <BatchRuns jobId={id} />;
}
