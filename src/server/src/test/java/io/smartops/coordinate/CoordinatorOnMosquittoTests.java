package io.smartops.coordinate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import io.smartops.support.TestServices;

/**
 * The coordinator end to end again, with the device channel on the machine's Mosquitto
 * (127.0.0.1:1883) instead of the embedded broker: the services profile points the test context at it.
 */
@Tag("services")
class CoordinatorOnMosquittoTests extends CoordinatorEndToEndTests {

	@BeforeEach
	void onMosquitto() {
		assertThat(TestServices.mqttUrl()).isEqualTo("tcp://127.0.0.1:1883");
	}
}
