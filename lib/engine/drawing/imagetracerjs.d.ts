/** Types for the parts of imagetracerjs (public domain, no types of its own) that trace-image.ts uses. */
declare module "imagetracerjs" {
  export interface TracerColour {
    r: number;
    g: number;
    b: number;
    a: number;
  }
  export interface TracerOptions {
    ltres?: number;
    qtres?: number;
    pathomit?: number;
    rightangleenhance?: boolean;
    colorsampling?: 0 | 1 | 2;
    numberofcolors?: number;
    mincolorratio?: number;
    colorquantcycles?: number;
    layering?: 0 | 1;
    strokewidth?: number;
    linefilter?: boolean;
    scale?: number;
    roundcoords?: number;
    viewbox?: boolean;
    desc?: boolean;
    blurradius?: number;
    blurdelta?: number;
    pal?: TracerColour[];
  }
  export interface TracedPath {
    isholepath: boolean;
    holechildren: number[];
    segments: unknown[];
  }
  export interface TraceData {
    width: number;
    height: number;
    palette: TracerColour[];
    layers: TracedPath[][];
  }
  interface ImageTracer {
    imagedataToTracedata(image: { width: number; height: number; data: ArrayLike<number> }, options?: TracerOptions): TraceData;
    /** One traced path (with its holes) as an SVG <path> element; options must be checked (checkoptions). */
    svgpathstring(tracedata: TraceData, layer: number, path: number, options: TracerOptions): string;
    checkoptions(options?: TracerOptions): TracerOptions;
  }
  const tracer: ImageTracer;
  export default tracer;
}
