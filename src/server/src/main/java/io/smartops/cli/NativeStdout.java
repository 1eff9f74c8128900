package io.smartops.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Sends what native solvers print to file descriptor 1 (SCIP's progress log) to standard error
 * while a solve runs, so standard output carries only the plan JSON. Uses JNA, which OR-Tools
 * already brings. On platforms without libc it does nothing.
 */
final class NativeStdout implements AutoCloseable {

	private interface LibC extends Library {
		int dup(int fd);

		int dup2(int from, int to);
	}

	private final LibC libc;
	private final int saved;

	private NativeStdout(LibC libc, int saved) {
		this.libc = libc;
		this.saved = saved;
	}

	static NativeStdout toStderr() {
		try {
			LibC libc = Native.load("c", LibC.class);
			System.out.flush();
			int saved = libc.dup(1);
			if (saved >= 0 && libc.dup2(2, 1) >= 0) {
				return new NativeStdout(libc, saved);
			}
		}
		catch (UnsatisfiedLinkError | RuntimeException e) {
			// not a libc platform: native output stays where it is
		}
		return new NativeStdout(null, -1);
	}

	@Override
	public void close() {
		if (libc != null) {
			System.out.flush();
			libc.dup2(saved, 1);
		}
	}
}
