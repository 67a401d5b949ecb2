package dev.haneul.examples.board;

import static dev.haneul.examples.board.BoardDatabase.Role.READER;
import static dev.haneul.examples.board.BoardDatabase.Role.WRITER;
import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Posts and comments. Reads go through the reader endpoint; writes through the writer.
 *
 * <p>Replica lag, shown rather than hidden: a post (or a comment) just written may not have
 * reached the replica that the reader endpoint picked. {@link #postPage} then reads the page again
 * through the writer and says so in a note, which the footer prints. Only that page pays for it;
 * the list of posts is read from the reader alone and catches up by itself.
 */
@Component
final class BoardRepository {

    /** How many posts the front page lists. */
    static final int RECENT_POSTS = 50;

    private final BoardDatabase db;
    private final InstanceName instance;

    BoardRepository(BoardDatabase db, InstanceName instance) {
        this.db = db;
        this.instance = instance;
    }

    record PostSummary(long id, String author, String title, Instant createdAt, int comments) {
    }

    record Post(long id, String author, String title, String body, String writtenBy, Instant createdAt) {
    }

    record Comment(long id, String author, String body, String writtenBy, Instant createdAt) {
    }

    record PostPage(Post post, List<Comment> comments) {

        boolean hasComment(long commentId) {
            return comments.stream().anyMatch(c -> c.id() == commentId);
        }
    }

    DbRead<List<PostSummary>> recentPosts() {
        return db.read(READER, jdbc -> jdbc.sql("""
                        SELECT p.id, p.author, p.title, p.created_at,
                               (SELECT COUNT(*) FROM comment c WHERE c.post_id = p.id) AS comments
                        FROM post p ORDER BY p.id DESC LIMIT ?""")
                .param(RECENT_POSTS)
                .query((rs, row) -> new PostSummary(rs.getLong("id"), rs.getString("author"), rs.getString("title"),
                        instant(rs, "created_at"), rs.getInt("comments")))
                .list());
    }

    /**
     * The post with its comments, from the reader; from the writer when the reader does not have
     * the post, or does not have {@code expectedComment} (just written by this user) yet.
     */
    Optional<DbRead<PostPage>> postPage(long postId, @Nullable Long expectedComment) {
        DbRead<Optional<PostPage>> fromReader = db.read(READER, jdbc -> loadPage(jdbc, postId));
        Optional<PostPage> page = fromReader.value();
        if (page.isPresent() && (expectedComment == null || page.get().hasComment(expectedComment))) {
            return Optional.of(fromReader.map(Optional::orElseThrow));
        }
        DbRead<Optional<PostPage>> fromWriter = db.read(WRITER, jdbc -> loadPage(jdbc, postId));
        if (fromWriter.value().isEmpty()) {
            return Optional.empty();
        }
        String missing = page.isEmpty() ? "post #" + postId : "comment #" + expectedComment;
        return Optional.of(fromWriter.map(Optional::orElseThrow)
                .withNote(missing + " is not on the reader (" + fromReader.instance() + ") yet"));
    }

    long createPost(String author, String title, String body) {
        return db.write(jdbc -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO post (author, title, body, written_by) VALUES (?, ?, ?, ?)")
                    .params(author, title, body, instance.get())
                    .update(key, "id");
            return generatedId(key);
        });
    }

    /** The new comment's id, or empty when the post does not exist. */
    OptionalLong addComment(long postId, String author, String body) {
        try {
            return OptionalLong.of(db.write(jdbc -> {
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                jdbc.sql("INSERT INTO comment (post_id, author, body, written_by) VALUES (?, ?, ?, ?)")
                        .params(postId, author, body, instance.get())
                        .update(key, "id");
                return generatedId(key);
            }));
        } catch (DataIntegrityViolationException e) {
            return OptionalLong.empty(); // the foreign key: no such post
        }
    }

    private static Optional<PostPage> loadPage(JdbcClient jdbc, long postId) {
        Optional<Post> post = jdbc.sql("SELECT id, author, title, body, written_by, created_at FROM post WHERE id = ?")
                .param(postId)
                .query((rs, row) -> new Post(rs.getLong("id"), rs.getString("author"), rs.getString("title"),
                        rs.getString("body"), rs.getString("written_by"), instant(rs, "created_at")))
                .optional();
        return post.map(p -> new PostPage(p, jdbc.sql("""
                        SELECT id, author, body, written_by, created_at FROM comment
                        WHERE post_id = ? ORDER BY id""")
                .param(postId)
                .query((rs, row) -> new Comment(rs.getLong("id"), rs.getString("author"), rs.getString("body"),
                        rs.getString("written_by"), instant(rs, "created_at")))
                .list()));
    }

    /** Connector/J may hand the key back as a BigInteger (BIGINT UNSIGNED {@code insert_id}). */
    private static long generatedId(GeneratedKeyHolder key) {
        return requireNonNull(key.getKey(), "generated key").longValue();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
