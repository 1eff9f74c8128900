package io.smartops.mcp;

import java.util.List;

/** The MCP tools of one capability; every bean of this type is served at {@code /mcp}. */
public interface ToolSet {

	List<McpTool> tools();
}
