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

	List<AgentCall> findTop1ByProcessInstanceIdAndActivityIdOrderByIdDesc(String processInstanceId, String activityId);

	@Query("select count(c), coalesce(sum(c.cost), 0) from AgentCall c where c.agentId = ?1 and c.startedAt >= ?2")
	List<Object[]> usageSince(String agentId, Instant since);

	@Query("select coalesce(sum(c.cost), 0) from AgentCall c where c.processInstanceId = ?1")
	double costOfProcessInstance(String processInstanceId);

	@Modifying
	@Query("delete from AgentCall c where c.startedAt < ?1")
	int deleteStartedBefore(Instant cutoff);
}
