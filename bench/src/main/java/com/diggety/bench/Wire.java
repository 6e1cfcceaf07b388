package com.diggety.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One load worker's own HTTP/1.1 connection for the measured phase: a blocking socket kept alive across requests,
 * the request written in one piece, the answer read by {@code Content-Length} or chunked encoding. It exists because
 * the JDK's {@code HttpClient} spends about 0.4 ms of CPU per request (selector thread, executor hand-offs), and on
 * this 2-core box every millisecond the load generator burns is taken from the app it measures. Setup and checks
 * keep using {@link Api}; this only carries the hot loop.
 *
 * <p>Not thread-safe: one per worker thread. Loopback only, like {@link Api}. A connection the server closes (it
 * says {@code Connection: close}, e.g. after Tomcat's keep-alive request limit) is reopened before the next request;
 * a request is never sent twice.
 */
public final class Wire implements AutoCloseable {

	/** The status line and the body; the headers are read and dropped. */
	public record Reply(int status, byte[] body) {

		public boolean ok() {
			return status >= 200 && status < 300;
		}

		/** True when the body starts with {@code prefix} (a cheap shape check that does not parse JSON). */
		public boolean startsWith(char prefix) {
			return body.length > 1 && body[0] == prefix;
		}
	}

	/** One request of a worker over its connection. */
	@FunctionalInterface
	public interface Call {
		Reply send(Wire wire) throws Exception;
	}

	/** A load worker over its own connection: a 2xx answer whose body is a JSON object counts as a success. */
	public static Worker worker(URI base, Call call) {
		var wire = new Wire(base);
		return new Worker() {
			@Override
			public boolean call() throws Exception {
				var reply = call.send(wire);
				return reply.ok() && reply.startsWith('{');
			}

			@Override
			public void close() {
				wire.close();
			}
		};
	}

	private final String host;
	private final int port;
	private final String hostHeader;
	private Socket socket;
	private InputStream in;
	private OutputStream out;

	public Wire(URI base) {
		try {
			if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
				throw new IllegalArgumentException("the bench only talks to the loopback, not " + base);
			}
		}
		catch (IOException e) {
			throw new IllegalArgumentException("cannot resolve " + base, e);
		}
		this.host = base.getHost();
		this.port = base.getPort();
		this.hostHeader = host + ":" + port;
	}

	public Reply get(String pathAndQuery, String bearer) throws IOException {
		return send("GET", pathAndQuery, bearer, null);
	}

	public Reply post(String path, String bearer, String json) throws IOException {
		return send("POST", path, bearer, json.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends one request and reads its whole answer; {@code bearer} and {@code body} may be null. */
	public Reply send(String method, String pathAndQuery, String bearer, byte[] body) throws IOException {
		if (socket == null) {
			connect();
		}
		var head = new StringBuilder(256).append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\nHost: ")
				.append(hostHeader).append("\r\nAccept: application/json\r\n");
		if (bearer != null) {
			head.append("Authorization: Bearer ").append(bearer).append("\r\n");
		}
		if (body != null) {
			head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		var bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
		try {
			if (body == null) {
				out.write(bytes);
			}
			else {
				var whole = new byte[bytes.length + body.length];
				System.arraycopy(bytes, 0, whole, 0, bytes.length);
				System.arraycopy(body, 0, whole, bytes.length, body.length);
				out.write(whole);
			}
			out.flush();
			return read();
		}
		catch (IOException | RuntimeException e) {
			close(); // a broken or half-read connection is never used again: the next request opens a new one
			throw e;
		}
	}

	private void connect() throws IOException {
		var s = new Socket();
		s.setTcpNoDelay(true);
		s.setSoTimeout((int) Api.TIMEOUT.toMillis());
		s.connect(new InetSocketAddress(host, port), (int) Api.TIMEOUT.toMillis());
		socket = s;
		in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
		out = s.getOutputStream();
	}

	private Reply read() throws IOException {
		var statusLine = line();
		if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
			throw new IOException("not an HTTP/1.1 answer: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closeAfter = false;
		for (var header = line(); !header.isEmpty(); header = line()) {
			int colon = header.indexOf(':');
			if (colon < 0) {
				continue;
			}
			var name = header.substring(0, colon).trim();
			var value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding")) {
				chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
			}
			else if (name.equalsIgnoreCase("Connection")) {
				closeAfter = value.equalsIgnoreCase("close");
			}
		}
		byte[] body;
		if (chunked) {
			var all = new ByteArrayOutputStream();
			for (int size = Integer.parseInt(chunkSize(line()), 16); size > 0; size = Integer
					.parseInt(chunkSize(line()), 16)) {
				all.write(in.readNBytes(size));
				line();
			}
			while (!line().isEmpty()) { // trailers
			}
			body = all.toByteArray();
		}
		else if (length >= 0) {
			body = in.readNBytes((int) length);
			if (body.length != length) {
				throw new IOException("the answer ended after " + body.length + " of " + length + " bytes");
			}
		}
		else if (status == 204 || status == 304) {
			body = new byte[0];
		}
		else {
			body = in.readAllBytes(); // no length: the body runs to the end of the connection
			closeAfter = true;
		}
		if (closeAfter) {
			close();
		}
		return new Reply(status, body);
	}

	private static String chunkSize(String line) {
		int semicolon = line.indexOf(';');
		return (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
	}

	/** One header line without its CRLF; an end of stream before it is an error. */
	private String line() throws IOException {
		var text = new StringBuilder(64);
		while (true) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("the connection closed in the middle of an answer");
			}
			if (b == '\n') {
				int end = text.length();
				if (end > 0 && text.charAt(end - 1) == '\r') {
					text.setLength(end - 1);
				}
				return text.toString();
			}
			text.append((char) b);
		}
	}

	@Override
	public void close() {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ignored) {
				// closing a loopback socket: nothing to do about it
			}
			socket = null;
			in = null;
			out = null;
		}
	}
}
