package io.smartops.coordinate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** When a plan needs a person, and what a run's scope accepts. */
class ApprovalPolicyAndScopeTests {

	@Test
	void actionsForPeopleAlwaysNeedAPerson() {
		ApprovalPolicy.Decision d = ApprovalPolicy.decide(1000, 1000.0, 2, 0.05);
		assertThat(d.personNeeded()).isTrue();
		assertThat(d.reason()).startsWith("2 actions for people").contains("+0.00%");
	}

	@Test
	void aMarginMoveBeyondTheThresholdNeedsAPerson() {
		ApprovalPolicy.Decision d = ApprovalPolicy.decide(900, 1000.0, 0, 0.05);
		assertThat(d.personNeeded()).isTrue();
		assertThat(d.reason()).contains("-10.00%", "more than the 5.0%");
	}

	@Test
	void aSmallMoveWithoutPeopleIsApprovedAutomaticallyWithItsReason() {
		ApprovalPolicy.Decision d = ApprovalPolicy.decide(1020, 1000.0, 0, 0.05);
		assertThat(d.personNeeded()).isFalse();
		assertThat(d.reason()).startsWith("approved automatically").contains("+2.00%", "within 5.0%");
		assertThat(ApprovalPolicy.decide(1020, null, 0, 0.05).reason()).contains("no plan in force");
	}

	@Test
	void aScopeTakesItsFieldsOrTheDefaults() {
		Scope defaults = new Scope(36, 3, java.util.EnumSet.allOf(Scope.Function.class), true);
		Scope s = Scope.from(Map.of("horizon", 2, "functions", List.of("pricing", "logistics"), "external", false), defaults);
		assertThat(s).isEqualTo(new Scope(36, 2, java.util.EnumSet.of(Scope.Function.PRICING, Scope.Function.LOGISTICS), false));
		assertThat(s.label()).isEqualTo("36m/2p pricing+logistics internal");
		assertThat(Scope.from(Map.of("functions", "procurement"), defaults).functions())
			.containsExactly(Scope.Function.PROCUREMENT);
	}

	@Test
	void aBadScopeNamesEveryField() {
		Scope defaults = Scope.widest(3);
		assertThatThrownBy(() -> Scope.from(Map.of("historyMonths", 2, "horizon", 1.5, "external", "yes"), defaults))
			.hasMessageContaining("scope.historyMonths: 2 is outside 3..36")
			.hasMessageContaining("scope.horizon: 1.5 is not a whole number")
			.hasMessageContaining("scope.external: yes is not true or false");
	}
}
