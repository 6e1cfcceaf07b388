package com.diggety.identity;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.shared.Sql;

import tools.jackson.databind.ObjectMapper;

/**
 * Who changed what, when, with a short before/after summary. Written in the same transaction as the change, so a
 * rolled-back change leaves no audit row and a stored change always has one.
 */
@Service
public class AuditTrail {

	/** One audited change. */
	public record Entry(long id, Instant at, String actor, String action, String subjectType, String subjectId,
			String before, String after) {
	}

	private static final int SUMMARY_LIMIT = 2000;

	private final JdbcClient db;
	private final ObjectMapper json;

	AuditTrail(JdbcClient db, ObjectMapper json) {
		this.db = db;
		this.json = json;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String action, String subjectType, Object subjectId, Object before, Object after) {
		var caller = Caller.current();
		db.sql("""
				INSERT INTO audit_log (at, actor_id, actor, action, subject_type, subject_id, before_summary, after_summary)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(Sql.ts(Instant.now()), caller.map(Caller::userId).orElse(null),
						caller.map(Caller::username).orElse("system"), action, subjectType, String.valueOf(subjectId),
						summary(before), summary(after))
				.update();
	}

	public List<Entry> latest(int limit, String subjectType) {
		return db.sql("""
				SELECT id, at, actor, action, subject_type, subject_id, before_summary, after_summary FROM audit_log
				WHERE (CAST(:type AS VARCHAR) IS NULL OR subject_type = :type) ORDER BY id DESC LIMIT :limit""")
				.param("type", subjectType).param("limit", limit)
				.query((rs, i) -> new Entry(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("actor"),
						rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"),
						rs.getString("before_summary"), rs.getString("after_summary")))
				.list();
	}

	private String summary(Object value) {
		if (value == null) {
			return null;
		}
		var text = value instanceof CharSequence s ? s.toString() : json.writeValueAsString(value);
		return text.length() > SUMMARY_LIMIT ? text.substring(0, SUMMARY_LIMIT) + "…" : text;
	}
}
