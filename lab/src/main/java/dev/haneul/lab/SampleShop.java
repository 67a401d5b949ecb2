package dev.haneul.lab;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The migration lab's source data: a shop's database ({@code customers}, {@code products},
 * {@code orders}, {@code order_items}, {@code events}) as an on-premises MySQL would hold it —
 * names, addresses, prices, timestamps, JSON-ish click events, secondary indexes — generated on
 * the server by {@code INSERT … SELECT} from MariaDB's sequence engine ({@code seq_1_to_N}), so no
 * row crosses the network while filling.
 *
 * <p>Row counts scale with the size asked for; the factors below make the {@code mariadb-dump}
 * of the database about that many megabytes (about 1.0 MB of dump per MB asked, measured on
 * MariaDB 10.11; the lab reports the real size).
 */
final class SampleShop {

    static final String DATABASE = "shop";
    /** Rows are inserted this many at a time (one statement, one transaction each). */
    private static final int BATCH = 20_000;

    /**
     * One table: its DDL, rows per megabyte asked for, and the {@code INSERT … SELECT} that fills
     * rows {@code %1$d} to {@code %2$d} (sequence numbers; {@code %3$d} customers, {@code %4$d}
     * products exist).
     */
    record TableSpec(String name, String ddl, int rowsPerMegabyte, String insert) {}

    static final List<TableSpec> TABLES = List.of(
            new TableSpec("customers", """
                    CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(120) NOT NULL, first_name VARCHAR(40) NOT NULL,
                      last_name VARCHAR(40) NOT NULL, country CHAR(2) NOT NULL, city VARCHAR(60) NOT NULL,
                      created_at DATETIME NOT NULL, loyalty_points INT NOT NULL, KEY (email)) ENGINE=InnoDB""", 1100, """
                    INSERT INTO customers SELECT seq,
                      CONCAT(LOWER(ELT(1+seq%%12,'Kim','Lee','Park','Choi','Jung','Smith','Garcia','Muller','Rossi','Dubois','Silva','Tanaka'
                      )), '.', seq, '@', ELT(1+seq%%5,'example.com','mail.example.org','corp.example.net','shop.example','example.co.kr')),
                      ELT(1+seq%%10,'Minji','Jiwoo','Seo-yeon','Olivia','Liam','Noah','Emma','Lucas','Sofia','Hiro'),
                      ELT(1+(seq*7)%%12,'Kim','Lee','Park','Choi','Jung','Smith','Garcia','Muller','Rossi','Dubois','Silva','Tanaka'),
                      ELT(1+seq%%8,'KR','US','DE','FR','IT','BR','JP','GB'), ELT(1+(seq*3)%%9,'Seoul','Busan','New York','Berlin','Paris','Milan','Sao Paulo','Tokyo','London'),
                      TIMESTAMP('2019-01-01') + INTERVAL (seq*7919)%%(6*365*86400) SECOND, (seq*31)%%5000
                      FROM seq_%1$d_to_%2$d"""),
            new TableSpec("products", """
                    CREATE TABLE products (id INT PRIMARY KEY, sku VARCHAR(20) NOT NULL UNIQUE, name VARCHAR(120) NOT NULL,
                      category VARCHAR(40) NOT NULL, price DECIMAL(10,2) NOT NULL, stock INT NOT NULL,
                      description TEXT NOT NULL) ENGINE=InnoDB""", 50, """
                    INSERT INTO products SELECT seq, CONCAT('SKU-', LPAD(seq, 8, '0')),
                      CONCAT_WS(' ', ELT(1+seq%%9,'Classic','Premium','Compact','Wireless','Organic','Vintage','Smart','Ultra','Eco'),
                        ELT(1+(seq*5)%%11,'Steel','Cotton','Bamboo','Leather','Ceramic','Glass','Oak','Linen','Carbon','Wool','Copper'),
                        ELT(1+(seq*7)%%10,'Kettle','Backpack','Lamp','Headphones','Chair','Notebook','Jacket','Mug','Speaker','Desk')),
                      ELT(1+seq%%7,'kitchen','outdoor','electronics','furniture','stationery','apparel','home'),
                      5 + (seq*37)%%49500/100, (seq*13)%%900,
                      CONCAT_WS(' ', 'A', ELT(1+seq%%4,'durable','lightweight','handmade','best-selling'), 'item for everyday use.',
                        REPEAT(CONCAT_WS(' ', ELT(1+seq%%6,'Designed','Built','Tested','Made','Crafted','Packed'), 'to last, with',
                          ELT(1+(seq*3)%%5,'care','precision','recycled materials','a two-year warranty','free returns'), '. '), 2 + seq%%6))
                      FROM seq_%1$d_to_%2$d"""),
            new TableSpec("orders", """
                    CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(12) NOT NULL,
                      ordered_at DATETIME NOT NULL, total DECIMAL(12,2) NOT NULL, shipping_address VARCHAR(200) NOT NULL,
                      KEY (customer_id), KEY (ordered_at)) ENGINE=InnoDB""", 3200, """
                    INSERT INTO orders SELECT seq, 1 + (seq*7919)%%%3$d, ELT(1+seq%%5,'pending','paid','shipped','delivered','returned'),
                      TIMESTAMP('2020-01-01') + INTERVAL (seq*104729)%%(5*365*86400) SECOND, ROUND(10 + (seq*7907)%%100000/100, 2),
                      CONCAT((seq*17)%%999+1, ' ', ELT(1+seq%%8,'Gangnam-daero','Main Street','Hauptstrasse','Rue de Rivoli','Via Roma',
                        'Avenida Paulista','Chuo-dori','Baker Street'), ', ', ELT(1+(seq*3)%%9,'Seoul','Busan','New York','Berlin','Paris','Milan','Sao Paulo','Tokyo','London'
                      ), ' ', LPAD((seq*97)%%99999, 5, '0'))
                      FROM seq_%1$d_to_%2$d"""),
            // One to four lines per order: about 2.5 rows per order, filled for the same order ids.
            new TableSpec("order_items", """
                    CREATE TABLE order_items (order_id INT NOT NULL, line_no SMALLINT NOT NULL, product_id INT NOT NULL,
                      quantity SMALLINT NOT NULL, unit_price DECIMAL(10,2) NOT NULL, PRIMARY KEY (order_id, line_no),
                      KEY (product_id)) ENGINE=InnoDB""", 3200, """
                    INSERT INTO order_items SELECT o.seq, l.seq, 1 + (o.seq*31 + l.seq*17)%%%4$d, 1 + (o.seq + l.seq)%%4,
                      ROUND(5 + ((o.seq*37 + l.seq)%%49500)/100, 2)
                      FROM seq_%1$d_to_%2$d o JOIN seq_1_to_4 l ON l.seq <= 1 + o.seq%%4"""),
            new TableSpec("events", """
                    CREATE TABLE events (id BIGINT PRIMARY KEY, customer_id INT NOT NULL, type VARCHAR(20) NOT NULL,
                      created_at DATETIME(3) NOT NULL, payload TEXT NOT NULL, KEY (customer_id, created_at)) ENGINE=InnoDB""", 2100, """
                    INSERT INTO events SELECT seq, 1 + (seq*6007)%%%3$d,
                      ELT(1+seq%%6,'page_view','search','add_to_cart','checkout','login','review'),
                      TIMESTAMP('2024-01-01') + INTERVAL (seq*7)%%(365*86400000) * 1000 MICROSECOND,
                      CONCAT('{"session":"', MD5(seq), '","path":"/', ELT(1+seq%%5,'products','search','cart','checkout','account'),
                        '/', (seq*13)%%10000, '","agent":"Mozilla/5.0 (', ELT(1+seq%%3,'Windows NT 10.0; Win64; x64',
                        'Macintosh; Intel Mac OS X 14_2','X11; Linux x86_64'), ')","ms":', (seq*7)%%900, '}')
                      FROM seq_%1$d_to_%2$d"""));

    private SampleShop() {}

    /** Sequence numbers (rows, except order_items: orders) of {@code table} for a database of {@code megabytes}. */
    static int count(TableSpec table, int megabytes) {
        return table.rowsPerMegabyte() * megabytes;
    }

    /** About how many rows {@link #fill} writes for {@code megabytes}, for a progress bar. */
    static long expectedRows(int megabytes) {
        long rows = 0;
        for (TableSpec table : TABLES) {
            rows += table.name().equals("order_items") ? count(table, megabytes) * 5L / 2 : count(table, megabytes);
        }
        return rows;
    }

    /** Creates the database and fills it for {@code megabytes}, advancing {@code progress} by rows written. */
    static void fill(Connection connection, int megabytes, ProgressBar progress) throws SQLException {
        Aurora.execute(connection, "CREATE DATABASE " + DATABASE);
        Aurora.execute(connection, "USE " + DATABASE);
        int customers = count(TABLES.get(0), megabytes);
        int products = count(TABLES.get(1), megabytes);
        for (TableSpec table : TABLES) {
            Aurora.execute(connection, table.ddl());
            int rows = count(table, megabytes);
            for (int from = 1; from <= rows; from += BATCH) {
                int to = Math.min(rows, from + BATCH - 1);
                try (var statement = connection.createStatement()) {
                    progress.advance(statement.executeUpdate(String.format(Locale.ROOT, table.insert(), from, to, customers,
                            products)));
                }
            }
        }
    }
}
