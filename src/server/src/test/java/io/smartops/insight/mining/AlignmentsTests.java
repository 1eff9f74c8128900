package io.smartops.insight.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

import io.smartops.insight.mining.Alignments.Alignment;
import io.smartops.insight.mining.Alignments.MoveKind;

/**
 * Alignments on small models, each fitness worked out by hand: {@code 1 − deviations ÷ (events +
 * the model's shortest run)}.
 */
class AlignmentsTests {

	static final BpmnModelInstance SEQUENCE = Bpmn.createExecutableProcess("sequence").startEvent("Start")
		.userTask("A").userTask("B").userTask("C").endEvent("End").done();

	@Test
	void aTraceThatRunsAsModelledFitsExactly() {
		Alignment a = align(SEQUENCE, "A", "B", "C");
		assertThat(a.deviations()).isZero();
		assertThat(a.moves()).filteredOn(m -> m.kind() == MoveKind.SYNC).hasSize(3);
		assertThat(Alignments.fitness(a, shortest(SEQUENCE))).isEqualTo(1.0);
	}

	@Test
	void aSkippedTaskIsOneModelMove() {
		// A, C on A → B → C: B skipped; 1 − 1 ÷ (2 + 3) = 0.8
		Alignment a = align(SEQUENCE, "A", "C");
		assertThat(deviations(a)).isEqualTo(Map.of("B", "skipped"));
		assertThat(Alignments.fitness(a, shortest(SEQUENCE))).isCloseTo(0.8, within(1e-9));
	}

	@Test
	void aRepeatedTaskIsOneLogMove() {
		// A, B, B, C: the second B inserted; 1 − 1 ÷ (4 + 3)
		Alignment a = align(SEQUENCE, "A", "B", "B", "C");
		assertThat(deviations(a)).isEqualTo(Map.of("B", "inserted"));
		assertThat(Alignments.fitness(a, shortest(SEQUENCE))).isCloseTo(1 - 1.0 / 7, within(1e-9));
	}

	@Test
	void twoTasksSwappedAreOneTaskOutOfOrder() {
		// B, A, C: one of the two ran where the model does not allow it, a log and a model move; 1 − 2 ÷ (3 + 3)
		Alignment a = align(SEQUENCE, "B", "A", "C");
		assertThat(a.deviations()).isEqualTo(2);
		Map<String, String> d = deviations(a);
		assertThat(d).hasSize(1).containsValue("out of order");
		assertThat(d.keySet()).containsAnyOf("A", "B");
		assertThat(Alignments.fitness(a, shortest(SEQUENCE))).isCloseTo(1 - 2.0 / 6, within(1e-9));
	}

	@Test
	void anUnknownTaskIsInserted() {
		Alignment a = align(SEQUENCE, "A", "X", "B", "C");
		assertThat(deviations(a)).isEqualTo(Map.of("X", "inserted"));
	}

	@Test
	void anExclusiveChoiceTakesOneBranchAndTheShortestRunGoesThroughOne() {
		BpmnModelInstance choice = Bpmn.createExecutableProcess("choice").startEvent().userTask("A").exclusiveGateway("Split")
			.userTask("B").exclusiveGateway("Join").userTask("D").endEvent()
			.moveToNode("Split").userTask("C").connectTo("Join").done();
		assertThat(shortest(choice)).isEqualTo(3);
		assertThat(align(choice, "A", "B", "D").deviations()).isZero();
		assertThat(align(choice, "A", "C", "D").deviations()).isZero();
		// both branches: one of them inserted; 1 − 1 ÷ (4 + 3)
		Alignment both = align(choice, "A", "B", "C", "D");
		assertThat(both.deviations()).isEqualTo(1);
		assertThat(Alignments.fitness(both, 3)).isCloseTo(1 - 1.0 / 7, within(1e-9));
	}

	@Test
	void parallelBranchesRunInEitherOrderAndAMissingOneIsSkipped() {
		BpmnModelInstance parallel = Bpmn.createExecutableProcess("parallel").startEvent().userTask("A")
			.parallelGateway("Fork").userTask("B").parallelGateway("Join").userTask("D").endEvent()
			.moveToNode("Fork").userTask("C").connectTo("Join").done();
		assertThat(shortest(parallel)).isEqualTo(4);
		assertThat(align(parallel, "A", "B", "C", "D").deviations()).isZero();
		assertThat(align(parallel, "A", "C", "B", "D").deviations()).isZero();
		// C missing: 1 − 1 ÷ (3 + 4)
		Alignment missing = align(parallel, "A", "B", "D");
		assertThat(deviations(missing)).isEqualTo(Map.of("C", "skipped"));
		assertThat(Alignments.fitness(missing, 4)).isCloseTo(1 - 1.0 / 7, within(1e-9));
	}

	@Test
	void aLoopBackThroughAGatewayAllowsRework() {
		BpmnModelInstance loop = Bpmn.createExecutableProcess("loop").startEvent().exclusiveGateway("Again")
			.userTask("Fix").exclusiveGateway("Done").endEvent().moveToNode("Done").connectTo("Again").done();
		assertThat(align(loop, "Fix", "Fix", "Fix").deviations()).isZero();
		assertThat(shortest(loop)).isEqualTo(1);
	}

	@Test
	void anErrorBoundaryEventLeadsToItsOwnPath() {
		BpmnModelInstance boundary = Bpmn.createExecutableProcess("boundary").startEvent().serviceTask("Validate")
			.camundaExpression("${true}").userTask("Register").endEvent().moveToActivity("Validate")
			.boundaryEvent("Invalid").error("INVALID").userTask("Fix").endEvent().done();
		assertThat(align(boundary, "Validate", "Register").deviations()).isZero();
		assertThat(align(boundary, "Validate", "Fix").deviations()).isZero();
		assertThat(deviations(align(boundary, "Validate", "Fix", "Register"))).hasSize(1);
	}

	@Test
	void aNonInterruptingTimerAddsItsPathBesideTheTask() {
		BpmnModelInstance sla = Bpmn.createExecutableProcess("sla").startEvent().userTask("Review").endEvent()
			.moveToActivity("Review").boundaryEvent("Late").cancelActivity(false).timerWithDuration("PT1H")
			.userTask("Chase").endEvent().done();
		assertThat(align(sla, "Review").deviations()).isZero();
		assertThat(align(sla, "Review", "Chase").deviations()).isZero();
		assertThat(align(sla, "Chase", "Review").deviations()).isZero();
		assertThat(deviations(align(sla, "Chase"))).isEqualTo(Map.of("Review", "skipped"));
	}

	@Test
	void anEmbeddedSubProcessIsEnteredAndLeft() {
		BpmnModelInstance nested = Bpmn.createExecutableProcess("nested").startEvent().userTask("A").subProcess("Sub")
			.embeddedSubProcess().startEvent().userTask("B").userTask("C").endEvent().subProcessDone().userTask("D")
			.endEvent().done();
		assertThat(shortest(nested)).isEqualTo(4);
		assertThat(align(nested, "A", "B", "C", "D").deviations()).isZero();
		assertThat(deviations(align(nested, "A", "C", "D"))).isEqualTo(Map.of("B", "skipped"));
	}

	@Test
	void theSalesProcessAsShippedHasNoDeviationOnItsPaths() throws Exception {
		BpmnModelInstance sales = Bpmn.readModelFromFile(new java.io.File("processes/sales-operations.bpmn"));
		ProcessNet net = ProcessNet.of(sales);
		assertThat(Alignments.align(net, List.of("Task_ValidateLead", "Task_DeduplicateLead", "Task_AssignTerritory",
				"Task_EnrichCompany", "Task_ScoreLead", "Task_DraftProposal", "Task_ReviewProposal",
				"Task_RegisterCustomer")).deviations()).isZero();
		assertThat(Alignments.align(net, List.of("Task_ValidateLead", "Task_FixLeadData", "Task_ValidateLead",
				"Task_DeduplicateLead", "Task_AttachToCustomer")).deviations()).isZero();
		assertThat(Alignments.align(net, List.of("Task_ValidateLead", "Task_DeduplicateLead", "Task_AssignTerritory",
				"Task_EnrichCompany", "Task_ScoreLead", "Task_CheckLeadScore", "Task_DraftProposal", "Task_ReviewProposal",
				"Task_ChaseOverdueReview")).deviations()).isZero();
	}

	static Alignment align(BpmnModelInstance model, String... trace) {
		return Alignments.align(ProcessNet.of(model), List.of(trace));
	}

	static int shortest(BpmnModelInstance model) {
		return Alignments.shortestRun(ProcessNet.of(model));
	}

	/** Each task's deviation in the alignment: skipped, inserted or out of order. */
	static Map<String, String> deviations(Alignment a) {
		Map<String, String> out = new TreeMap<>();
		Alignments.deviations(a).forEach((activity, d) -> out.put(activity,
				d.outOfOrder() > 0 ? "out of order" : d.inserted() > 0 ? "inserted" : "skipped"));
		return out;
	}
}
