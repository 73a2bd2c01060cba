/**
 * Every cellpipe command's id, and their palette category, in one place: the plugins that register a command and the ones
 * that call it import the id from here (a module with no imports, so it loads no plugin's code).
 */
export namespace CommandIDs {
  export const compileAndRun = 'cellpipe:compile-and-run';
  export const compile = 'cellpipe:compile';
  export const exportYaml = 'cellpipe:export-yaml';
  export const openSidebar = 'cellpipe:open-sidebar';
  export const tagByHeadings = 'cellpipe:tag-by-headings';
  /** The step panel of the active cell (the tagging plugin); the context menu passes `fromContextMenu`. */
  export const editStep = 'cellpipe:edit-step';
  /** Opens the run viewer (the run viewer plugin); called with `{ id }`. */
  export const openRunViewer = 'cellpipe:open-run-viewer';
  /** Re-reads the sidebar's runs list (the sidebar registers it; the run viewer calls it after a rerun). */
  export const refreshRuns = 'cellpipe:refresh-runs';
}

/** The command palette's category of every cellpipe command (a name, not translated). */
export const PALETTE_CATEGORY = 'cellpipe';
