import type { Metadata } from "next";
import { BatchRuns } from "@/components/batch/batch-runs";

export const metadata: Metadata = { title: "Batch runs · IntroSVG Studio" };

export default function BatchPage() {
  return <BatchRuns jobId={null} />;
}
