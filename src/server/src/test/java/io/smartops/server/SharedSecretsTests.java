package io.smartops.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A cluster node refuses to start without the secrets every node must share, and names them. */
class SharedSecretsTests {

	@Test
	void aNodeWithoutTheSharedSecretsRefusesToStartNamingEachVariable() {
		MockEnvironment environment = new MockEnvironment().withProperty("smartops.orchestrate.confirm-secret", "s");
		assertThatThrownBy(() -> new SharedSecrets(environment)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("SMARTOPS_WORKER_PASSWORD")
			.hasMessageContaining("SMARTOPS_APPS_API_KEY")
			.hasMessageNotContaining("SMARTOPS_CONFIRM_SECRET");
	}

	@Test
	void aNodeWithEverySharedSecretStarts() {
		MockEnvironment environment = new MockEnvironment().withProperty("smartops.worker.password", "w")
			.withProperty("smartops.orchestrate.confirm-secret", "c")
			.withProperty("smartops.orchestrate.apps-api-key", "k");
		assertThatCode(() -> new SharedSecrets(environment)).doesNotThrowAnyException();
	}
}
