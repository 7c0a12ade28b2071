"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { Group, Panel, useGroupRef } from "react-resizable-panels";
import { PaneSeparator } from "../layout/pane-separator";
import { useRememberedLayout, useWideWindow } from "../layout/remembered-layout";

/** The workbench's share of the panes, by default and when the editor is widened. */
const WORKBENCH_DEFAULT = 56;
const WORKBENCH_WIDE = 78;
const TIMELINE_MIN = 20;
const WORKBENCH_MIN = 34;

interface WorkbenchWidth {
  /** Panes side by side (a wide window): the workbench can be widened. */
  resizable: boolean;
  widened: boolean;
  /** Gives the editor most of the window, or back to the default split. */
  toggleWidened: () => void;
}

const WorkbenchWidthContext = createContext<WorkbenchWidth>({ resizable: false, widened: false, toggleWidened: () => undefined });

/** What the workbench's "Widen editor" button needs. */
export function useWorkbenchWidth(): WorkbenchWidth {
  return useContext(WorkbenchWidthContext);
}

/**
 * The studio's two panes: the rounds timeline and the workbench (result and editor). In a wide
 * window they sit side by side with a handle between them (drag it or use the arrow keys); the
 * split is remembered, and "Widen editor" gives the workbench most of the window. In a narrow
 * one they stack. Other regions slot into either pane as children.
 */
export function StudioPanes({ timeline, workbench }: { timeline: ReactNode; workbench: ReactNode }) {
  const wide = useWideWindow();
  const group = useGroupRef();
  const { defaultLayout, onLayoutChanged } = useRememberedLayout("studio-panes");
  const [workbenchShare, setWorkbenchShare] = useState<number>(defaultLayout?.workbench ?? WORKBENCH_DEFAULT);
  const widened = workbenchShare >= WORKBENCH_WIDE - 1;
  const toggleWidened = () => {
    const next = widened ? WORKBENCH_DEFAULT : WORKBENCH_WIDE;
    group.current?.setLayout({ timeline: 100 - next, workbench: next });
  };

  if (!wide) {
    return (
      <WorkbenchWidthContext.Provider value={{ resizable: false, widened: false, toggleWidened }}>
        <div className="flex flex-1 flex-col gap-4 p-4">
          {timeline}
          {workbench}
        </div>
      </WorkbenchWidthContext.Provider>
    );
  }
  return (
    <WorkbenchWidthContext.Provider value={{ resizable: true, widened, toggleWidened }}>
      <Group
        id="studio-panes"
        orientation="horizontal"
        groupRef={group}
        defaultLayout={defaultLayout}
        onLayoutChanged={(layout, meta) => {
          onLayoutChanged(layout, meta);
          if (layout.workbench !== undefined) setWorkbenchShare(layout.workbench);
        }}
        // The page scrolls, not the panes: the timeline grows as rounds arrive, and the
        // workbench stays in view beside it (sticky).
        style={{ height: "auto", overflow: "visible" }}
        className="flex-1 p-4"
      >
        <Panel id="timeline" defaultSize={`${100 - WORKBENCH_DEFAULT}%`} minSize={`${TIMELINE_MIN}%`} style={{ overflow: "visible", maxHeight: "none" }}>
          {timeline}
        </Panel>
        <PaneSeparator label="Resize the timeline and the workbench" orientation="horizontal" />
        <Panel id="workbench" defaultSize={`${WORKBENCH_DEFAULT}%`} minSize={`${WORKBENCH_MIN}%`} style={{ overflow: "visible", maxHeight: "none" }}>
          {workbench}
        </Panel>
      </Group>
    </WorkbenchWidthContext.Provider>
  );
}
