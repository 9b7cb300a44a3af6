"""Quiz day's own access to the record: trainees added straight into the database (benchmark
tooling, not how Waymark adds people) and their attempts counted afterwards, on SQLite through
Python's sqlite3 or on PostgreSQL through `psql`, so the benchmark needs no database driver."""
import csv
import io
import os
import sqlite3
import subprocess
import time
import urllib.parse
import uuid

PROGRAMME = "peer-mentoring"


class SQLiteRecord:
    def __init__(self, data_dir):
        self.path = os.path.join(data_dir, "waymark.sqlite")
        self.env = {}

    def rows(self, sql, parameters=()):
        db = sqlite3.connect(self.path)
        try:
            return db.execute(sql, parameters).fetchall()
        finally:
            db.close()

    def insert(self, table, columns, rows):
        db = sqlite3.connect(self.path)
        marks = ", ".join("?" for _ in columns)
        db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        db.commit()
        db.close()

    def drop(self):
        pass


class PostgresRecord:
    """A database of its own on the PostgreSQL server at `url`, made fresh and dropped at the end."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.name = f"waymark_quiz_day_{os.getpid()}"
        self.admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))
        self.psql(self.admin_url, f"DROP DATABASE IF EXISTS {self.name}")
        self.psql(self.admin_url, f"CREATE DATABASE {self.name}")
        self.env = {"WAYMARK_DATABASE_URL": self.url}

    @staticmethod
    def psql(url, sql, stdin=None):
        # psql does not take libpq's sslmode from a URL's query the way PostgresNIO does: drop it.
        plain = url.split("?", 1)[0]
        return subprocess.run(["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", plain, "-c", sql],
                              input=stdin, capture_output=True, text=True, check=True).stdout

    def rows(self, sql, parameters=()):
        for value in parameters:  # the benchmark's own values only: quote them as literals
            sql = sql.replace("?", "'" + str(value).replace("'", "''") + "'", 1)
        out = self.psql(self.url, sql)
        return [tuple(cell for cell in line.split("\t")) for line in out.splitlines() if line]

    def insert(self, table, columns, rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow(["t" if v is True else "f" if v is False else "" if v is None else v for v in row])
        self.psql(self.url, f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)", stdin=buffer.getvalue())

    def drop(self):
        self.psql(self.admin_url, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


def password_hash(record, waymark, env, password, fast):
    """One hash every benchmark trainee shares: Waymark's own at its configured cost, or cost 4."""
    if fast:
        import bcrypt  # only for --fast-sign-in

        return bcrypt.hashpw(password.encode(), bcrypt.gensalt(4)).decode()
    email = "dan.murphy@demo.waymark.invalid"
    subprocess.run([waymark, "users", "set-password", "--email", email, "--password-stdin"], env=env, input=password + "\n",
                   text=True, check=True, stdout=subprocess.DEVNULL)
    ((found,),) = record.rows("SELECT password_hash FROM people WHERE email = ?", (email,))
    return found


def add_trainees(record, count, hashed, first=0, prefix="quiz"):
    """`count` applicants on peer-mentoring, with summary rows as the store would write them."""
    now = time.time()
    people = [(str(uuid.uuid4()), index) for index in range(first, first + count)]
    record.insert("people", ["id", "name", "email", "roles", "active", "created_at", "password_hash"],
                  [(pid, f"Quiz Trainee {i:06d}", f"{prefix}{i}@bench.invalid", "trainee", True, now, hashed) for pid, i in people])
    record.insert("enrolments", ["trainee_id", "programme_id", "enrolled_at"], [(pid, PROGRAMME, now) for pid, _ in people])
    record.insert("trainee_summaries", ["trainee_id", "programme_id", "stage", "next_step", "next_step_actor", "last_activity",
                                        "supervision_due", "certificate_valid_until", "awaiting_review", "last_sequence", "name"],
                  [(pid, PROGRAMME, "applicant", "They will send in their application", "trainee", None, None, None, 0, 0,
                    f"Quiz Trainee {i:06d}") for pid, i in people])
    return [f"{prefix}{i}@bench.invalid" for _, i in people]


def attempts_found(record, emails, module):
    """Each trainee's attempts at the benchmark's check, as the database holds them."""
    rows = record.rows("""SELECT p.email, COUNT(e.sequence) FROM people p
                          LEFT JOIN events e ON e.trainee_id = p.id AND e.kind = 'assessment-attempted' AND e.body = ?
                          WHERE p.email LIKE 'quiz%@bench.invalid' GROUP BY p.email""", (module,))
    found = {email: int(count) for email, count in rows}
    return {email: found.get(email, 0) for email in emails}
