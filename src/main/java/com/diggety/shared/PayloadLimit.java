package com.diggety.shared;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured size with 413 before anything reads them, whether the client
 * declared the length or streams it chunked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PayloadLimit extends OncePerRequestFilter {

	private final long maxBytes;
	private final ProblemWriter problems;

	PayloadLimit(HttpSettings settings, ProblemWriter problems) {
		this.maxBytes = settings.maxBodyBytes();
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			problems.write(response, tooLargeDetail(maxBytes));
			return;
		}
		chain.doFilter(declared >= 0 ? request : new Limited(request, maxBytes), response);
	}

	static ProblemDetail tooLargeDetail(long maxBytes) {
		var body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + maxBytes + " bytes");
		body.setTitle("Payload too large");
		return body;
	}

	static boolean causedByOversize(Throwable e) {
		for (var t = e; t != null; t = t.getCause()) {
			if (t instanceof Oversize) {
				return true;
			}
		}
		return false;
	}

	static ProblemDetail tooLarge(Throwable e) {
		for (var t = e; t != null; t = t.getCause()) {
			if (t instanceof Oversize oversize) {
				return tooLargeDetail(oversize.max);
			}
		}
		return tooLargeDetail(-1);
	}

	static final class Oversize extends IOException {
		final long max;

		Oversize(long max) {
			super("body over " + max + " bytes");
			this.max = max;
		}
	}

	private static final class Limited extends HttpServletRequestWrapper {
		private final long max;
		private ServletInputStream stream;

		Limited(HttpServletRequest request, long max) {
			super(request);
			this.max = max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new Counting(super.getInputStream(), max);
			}
			return stream;
		}
	}

	private static final class Counting extends ServletInputStream {
		private final ServletInputStream in;
		private final long max;
		private long count;

		Counting(ServletInputStream in, long max) {
			this.in = in;
			this.max = max;
		}

		private int counted(int n) throws Oversize {
			if (n > 0 && (count += n) > max) {
				throw new Oversize(max);
			}
			return n;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			return counted(in.read(b, off, len));
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}
	}
}
