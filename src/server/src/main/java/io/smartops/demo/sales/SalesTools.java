package io.smartops.demo.sales;

import io.smartops.mcp.McpTool;
import io.smartops.mcp.ToolSet;

import java.util.List;

import org.springframework.stereotype.Component;

import io.smartops.core.security.Roles;

/** The sales process over MCP: submit a lead, which starts {@code sales-operations}. */
@Component
class SalesTools implements ToolSet {

	private final LeadIntake intake;

	SalesTools(LeadIntake intake) {
		this.intake = intake;
	}

	@Override
	public List<McpTool> tools() {
		return List.of(new McpTool("submit_lead", "Submit a sales lead",
				"Starts the sales-operations process for a lead: it is checked for duplicates, enriched, scored by the agent "
						+ "the library picks, routed to a territory and gets a proposal. Every bad field is named and nothing starts.",
				List.of(Roles.ACTION_TAKERS, Roles.OPERATORS), """
						{"type":"object","required":["companyName","contactName","email","country"],"properties":{
						  "companyName":{"type":"string","minLength":2,"maxLength":200},
						  "contactName":{"type":"string","minLength":1,"maxLength":200},
						  "email":{"type":"string","format":"email","maxLength":254},
						  "country":{"type":"string","description":"ISO 3166 two-letter code, e.g. DE","minLength":2,"maxLength":2},
						  "employees":{"type":"integer","minimum":1,"maximum":10000000},
						  "source":{"type":"string","enum":["web","referral","event","partner","outbound","email"]},
						  "message":{"type":"string","maxLength":4000}},
						 "additionalProperties":false}""", """
						{"type":"object","required":["processInstanceId","processDefinitionKey"],"properties":{
						  "processInstanceId":{"type":"string"},"processDefinitionKey":{"type":"string"}}}""",
				args -> intake.submit(args.all())));
	}
}
