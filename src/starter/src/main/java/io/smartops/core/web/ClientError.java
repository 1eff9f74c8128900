package io.smartops.core.web;

/**
 * A request the client got wrong, with the HTTP status and the JSON body to answer it with: the
 * REST API answers with both, an MCP tool with the body as its error text. An exception of any
 * capability implements it, so neither front door needs to know the capability's exceptions.
 */
public interface ClientError {

	int status();

	Object body();
}
