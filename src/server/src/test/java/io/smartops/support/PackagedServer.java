package io.smartops.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged server ({@code target/smartops.jar}) as a process of its own, as a user runs it. */
public final class PackagedServer {

	private PackagedServer() {
	}

	/** Starts the jar on the port with its data in {@code data}, logging to {@code data/NAME.log}. */
	public static Process start(Path data, int port, String name, List<String> settings) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", "target/smartops.jar", "--server.port=" + port, "--smartops.data-dir=" + data));
		command.addAll(settings);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(data.resolve(name + ".log").toFile())
			.start();
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
