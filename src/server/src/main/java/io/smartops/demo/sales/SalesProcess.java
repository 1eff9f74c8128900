package io.smartops.demo.sales;

/** Everything that names a part of {@code processes/sales-operations.bpmn}, in one place. */
public final class SalesProcess {

	public static final String KEY = "sales-operations";
	public static final String MESSAGE_LEAD_RECEIVED = "LeadReceived";
	public static final String ERROR_INVALID_LEAD = "InvalidLead";

	public static final String START = "Start_LeadReceived";
	public static final String TASK_VALIDATE_LEAD = "Task_ValidateLead";
	public static final String TASK_FIX_LEAD_DATA = "Task_FixLeadData";
	public static final String TASK_DEDUPLICATE_LEAD = "Task_DeduplicateLead";
	public static final String TASK_ATTACH_TO_CUSTOMER = "Task_AttachToCustomer";
	public static final String TASK_ASSIGN_TERRITORY = "Task_AssignTerritory";
	public static final String TASK_ENRICH_COMPANY = "Task_EnrichCompany";
	public static final String TASK_SCORE_LEAD = "Task_ScoreLead";
	public static final String BOUNDARY_LOW_CONFIDENCE_SCORE = "Boundary_LowConfidenceScore";
	public static final String TASK_CHECK_LEAD_SCORE = "Task_CheckLeadScore";
	public static final String TASK_DRAFT_PROPOSAL = "Task_DraftProposal";
	public static final String TASK_REVIEW_PROPOSAL = "Task_ReviewProposal";
	public static final String TIMER_REVIEW_SLA = "Timer_ReviewSla";
	public static final String TASK_CHASE_OVERDUE_REVIEW = "Task_ChaseOverdueReview";
	public static final String TASK_REGISTER_CUSTOMER = "Task_RegisterCustomer";
	public static final String END_PROPOSAL_ACCEPTED = "End_ProposalAccepted";
	public static final String END_PROPOSAL_REJECTED = "End_ProposalRejected";
	public static final String END_DUPLICATE_LEAD = "End_DuplicateLead";
	public static final String END_LEAD_DISQUALIFIED = "End_LeadDisqualified";

	public static final String DECISION_TERRITORY = "territory";

	/** Agent capabilities of the agent tasks (routed per instance by AgentRouter). */
	public static final String CAPABILITY_COMPANY_ENRICHMENT = "company-enrichment";
	public static final String CAPABILITY_LEAD_SCORING = "lead-scoring";
	public static final String CAPABILITY_PROPOSAL_DRAFTING = "proposal-drafting";

	public static final String FORM_REVIEW_PROPOSAL = "review-proposal";
	public static final String FORM_FIX_LEAD_DATA = "fix-lead-data";
	public static final String FORM_CHASE_OVERDUE_REVIEW = "chase-overdue-review";
	public static final String FORM_CHECK_LEAD_SCORE = "check-lead-score";

	/** Lead fields, as received and after normalization. */
	public static final String VAR_COMPANY_NAME = "companyName";
	public static final String VAR_CONTACT_NAME = "contactName";
	public static final String VAR_EMAIL = "email";
	public static final String VAR_COUNTRY = "country";
	public static final String VAR_EMPLOYEES = "employees";
	public static final String VAR_SOURCE = "source";
	public static final String VAR_MESSAGE = "message";
	/** Derived by validation. */
	public static final String VAR_EMAIL_DOMAIN = "emailDomain";
	public static final String VAR_REGION = "region";
	public static final String VAR_LEAD_ERRORS = "leadErrors";
	/** Deduplication. */
	public static final String VAR_DUPLICATE = "duplicate";
	public static final String VAR_CUSTOMER_ID = "customerId";
	/** Territory decision. */
	public static final String VAR_TERRITORY = "territory";
	public static final String VAR_OWNER = "owner";
	public static final String VAR_CANDIDATE_GROUP = "candidateGroup";
	/** Agent outputs. */
	public static final String VAR_INDUSTRY = "industry";
	public static final String VAR_COMPANY_PROFILE = "companyProfile";
	public static final String VAR_LEAD_SCORE = "leadScore";
	public static final String VAR_PROPOSAL = "proposal";
	/** Review. */
	public static final String VAR_REVIEW_DECISION = "reviewDecision";
	public static final String VAR_REVIEW_COMMENT = "reviewComment";
	public static final String VAR_REVIEW_SLA = "reviewSla";
	public static final String VAR_PROCESS_OWNER = "processOwner";

	public static final String DECISION_APPROVE = "approve";
	public static final String DECISION_REJECT = "reject";

	/** Leads scoring below this are disqualified before a proposal is drafted. */
	public static final double QUALIFYING_SCORE = 0.3;

	private SalesProcess() {
	}
}
