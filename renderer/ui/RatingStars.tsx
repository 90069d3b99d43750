/** Five stars; clicking the current rating clears it. */
export function RatingStars({ rating, onRate }: { rating: number; onRate: (rating: number) => void }) {
  return (
    <div className="stars-input" role="radiogroup" aria-label="Rating">
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          role="radio"
          aria-checked={rating === n}
          aria-label={`${n} star${n === 1 ? '' : 's'}`}
          className={n <= rating ? 'star on' : 'star'}
          onClick={() => onRate(rating === n ? 0 : n)}
        >
          ★
        </button>
      ))}
    </div>
  );
}
