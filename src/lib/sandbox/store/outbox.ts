// The sandbox's outbox: the e-mails the cloud would send (password resets, notifications), kept instead of
// sent so a trainee or a test can read them with `lcs sandbox outbox`.
import type {Db} from './sqlite.js'

export const OUTBOX_SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, "to" TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
  createdAt INTEGER NOT NULL);
`

export interface Mail {
  kind: string
  to: string
  subject: string
  body: string
  /** Epoch ms. */
  createdAt: number
}

export function sendMail(db: Db, mail: Omit<Mail, 'createdAt'>, now = Date.now()): void {
  db.prepare('INSERT INTO outbox(kind, "to", subject, body, createdAt) VALUES (?,?,?,?,?)').run(
    mail.kind,
    mail.to,
    mail.subject,
    mail.body,
    now,
  )
}

/** Every mail, oldest first. */
export function listMail(db: Db): Mail[] {
  return db.prepare('SELECT kind, "to", subject, body, createdAt FROM outbox ORDER BY id').all() as Mail[]
}
