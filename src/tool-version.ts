/** This tool's own version (package.json's; a test keeps the two equal). */
export const TOOL_VERSION = '1.0.0'
