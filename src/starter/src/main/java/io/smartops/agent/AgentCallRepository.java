package io.smartops.agent;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AgentCallRepository extends JpaRepository<AgentCall, Long> {

	List<AgentCall> findByAgentIdOrderByIdDesc(String agentId, Limit limit);

	List<AgentCall> findByProcessInstanceIdOrderById(String processInstanceId);

	List<AgentCall> findByAgentIdOrderById(String agentId);

	/** The newest call that served the task instance itself (not a shadow's). */
	List<AgentCall> findTop1ByProcessInstanceIdAndActivityIdAndShadowFalseOrderByIdDesc(String processInstanceId,
			String activityId);

	List<AgentCall> findByProcessInstanceIdAndActivityId(String processInstanceId, String activityId);

	/** An agent's newest calls that say something of its quality: judged by the truth, a person or an evaluator, or invalid. */
	@Query("select c from AgentCall c where c.agentId = ?1 and (c.groundTruth is not null or c.feedback is not null"
			+ " or c.judgeScore is not null or c.validity = io.smartops.agent.AgentCall.Validity.INVALID) order by c.id desc")
	List<AgentCall> findEvaluated(String agentId, Limit limit);

	/** An agent's calls since an instant, oldest first (its shadow or canary evidence). */
	List<AgentCall> findByAgentIdAndStartedAtGreaterThanEqualOrderById(String agentId, Instant since);

	/** The calls of the given agents that served task instances since an instant (the incumbents' side of the evidence). */
	@Query("select c from AgentCall c where c.shadow = false and c.startedAt >= ?1 and c.agentId in ?2 order by c.id")
	List<AgentCall> findServingSince(Instant since, List<String> agentIds);

	@Query("select count(c), coalesce(sum(c.cost), 0) from AgentCall c where c.agentId = ?1 and c.startedAt >= ?2")
	List<Object[]> usageSince(String agentId, Instant since);

	/** What the calls that served the instance cost it (shadow runs are evidence, not the instance's cost). */
	@Query("select coalesce(sum(c.cost), 0) from AgentCall c where c.processInstanceId = ?1 and c.shadow = false")
	double costOfProcessInstance(String processInstanceId);

	/** The outputs an evaluator scored that a person judged too: its agreement with people. */
	List<AgentCall> findByJudgeAgentIdAndFeedbackIsNotNull(String judgeAgentId);

	@Modifying
	@Query("delete from AgentCall c where c.startedAt < ?1")
	int deleteStartedBefore(Instant cutoff);
}
