-- The board's tables, created through the writer at start-up (idempotent).
CREATE TABLE IF NOT EXISTS post (
  id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author     VARCHAR(64)  NOT NULL,
  title      VARCHAR(200) NOT NULL,
  body       TEXT         NOT NULL,
  written_by VARCHAR(128) NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS comment (
  id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id    BIGINT       NOT NULL,
  author     VARCHAR(64)  NOT NULL,
  body       TEXT         NOT NULL,
  written_by VARCHAR(128) NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY comment_by_post (post_id, id),
  CONSTRAINT comment_post FOREIGN KEY (post_id) REFERENCES post (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
