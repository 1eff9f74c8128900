package io.smartops.sense;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.smartops.SmartOpsTest;

/** Every MQTT message is either recorded once or dead-lettered with a reason, whatever its topic or payload. */
@SmartOpsTest
class SensorSubscriptionTests {

	@Autowired
	SensorSubscription subscription;

	@Autowired
	SensedEventRepository events;

	@Autowired
	DeadLetterRepository deadLetters;

	@Test
	void aValidEventOnATopicLongerThanAColumnIsRecordedWithItsTopicCut() {
		String topic = "smartops/sensors/" + "deep/".repeat(80) + "tms";
		String id = "long-topic-" + System.nanoTime();
		subscription.receive(topic, """
				{"id":"%s","source":"tms","type":"carrier-capacity","subject":"3PL-A","value":900,
				 "observedAt":"2026-12-01T10:00:00Z"}""".formatted(id));
		SensedEventRecord record = events.findById(id).orElseThrow();
		assertThat(record.getChannel()).startsWith("mqtt:smartops/sensors/deep/").endsWith("…").hasSizeLessThan(255);
		subscription.receive(topic, """
				{"id":"%s","source":"tms","type":"carrier-capacity","subject":"3PL-A","value":900,
				 "observedAt":"2026-12-01T10:00:00Z"}""".formatted(id));
		assertThat(events.findAll().stream().filter(e -> e.getId().equals(id))).hasSize(1);
	}

	@Test
	void aNullPayloadAnEmptyOneAndALongTopicAreDeadLetteredWithTheirReasons() {
		String longTopic = "smartops/sensors/" + "x".repeat(400);
		long before = deadLetters.count();
		subscription.receive("smartops/sensors/a", "null");
		subscription.receive("smartops/sensors/b", "");
		subscription.receive(longTopic, "{\"id\": 5}");
		assertThat(deadLetters.count()).isEqualTo(before + 3);
		var latest = deadLetters.findTop200ByOrderByIdDesc();
		assertThat(latest.get(2).getError()).contains("null");
		assertThat(latest.get(1).getError()).contains("not a JSON object");
		assertThat(latest.get(0).getTopic()).hasSizeLessThanOrEqualTo(255).startsWith("smartops/sensors/xxx");
		assertThat(latest.get(0).getError()).contains("source");
	}

	@Test
	void aPayloadThatIsNotJsonIsDeadLetteredWithAReasonInWordsWithoutTheParsersNames() {
		for (String payload : List.of("{\"value\": NaN}", "not json at all", "{'id': 'single quotes'}", "{\"id\": ")) {
			subscription.receive("smartops/sensors/words", payload);
			String reason = deadLetters.findTop200ByOrderByIdDesc().get(0).getError();
			assertThat(reason).as(payload).startsWith("not a JSON object")
				.doesNotContainPattern("Feature|Exception|`|\\b[A-Z][A-Za-z]+\\.[A-Z_]+\\b|Source:|com\\.|java\\.");
		}
	}
}
