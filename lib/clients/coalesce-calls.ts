/**
 * Runs `work` at most once per `ms`: the first call runs at once, calls within the next `ms`
 * are folded into one more run at its end. The studio refreshes its history list after saves;
 * a loop saves after every step, and refetching the list (and its thumbnails) that often
 * competed with the loop's own requests for the server.
 */
export function coalesceCalls(work: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  const open = () => {
    timer = setTimeout(() => {
      timer = null;
      if (pending) {
        pending = false;
        work();
        open();
      }
    }, ms);
  };
  return () => {
    if (timer) {
      pending = true;
      return;
    }
    work();
    open();
  };
}
